package io.github.bertdistill.distill.train;

import static com.google.common.base.Preconditions.checkState;
import static io.github.bertdistill.core.config.ConfigException.require;

import io.github.bertdistill.core.config.CheckedConfig;
import io.github.bertdistill.core.config.StrictJson;
import java.util.Objects;

/**
 * The engineering side of a run, kept apart from the method ({@link MethodConfig}), as TextBrewer
 * splits {@code TrainerConfig} from {@code DistillationConfig}: how long, in what batches, where to
 * write, how often to validate and checkpoint. None of it changes what is being optimised.
 *
 * <p>Built with {@link #builder()} ({@code setX} for required values, {@code optX} for optional
 * ones) or read from JSON with {@link #fromJson}; unknown JSON keys are rejected.
 */
public final class TrainerConfig implements CheckedConfig {
    private int epochs = 3;
    private int batchSize = 32;
    private long maxSteps;
    private int evalEverySteps;
    private int checkpointEverySteps;
    private int patience;
    private long seed = 42;
    private int bucketBatches = 50;

    private TrainerConfig() {}

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the JSON written by {@link #toJson()}.
     *
     * @throws io.github.bertdistill.core.config.ConfigException naming the key path of an unknown
     *     key, a value of the wrong type or out of range
     */
    public static TrainerConfig fromJson(String json) {
        return StrictJson.read(json, TrainerConfig.class);
    }

    /** This config as pretty JSON. */
    public String toJson() {
        return StrictJson.write(this);
    }

    /** Passes over the training set. */
    public int epochs() {
        return epochs;
    }

    /** Examples per step (the last batch of an epoch may be smaller). */
    public int batchSize() {
        return batchSize;
    }

    /** A cap on the number of steps, or 0 for none. */
    public long maxSteps() {
        return maxSteps;
    }

    /** Validate every N steps, or 0 to validate at the end of each epoch. */
    public int evalEverySteps() {
        return evalEverySteps;
    }

    /** Checkpoint every N steps, or 0 to checkpoint at the end of each epoch. */
    public int checkpointEverySteps() {
        return checkpointEverySteps;
    }

    /** Stop after this many validations without improvement, or 0 never to stop early. */
    public int patience() {
        return patience;
    }

    /** Seeds shuffling, dropout and everything else random in the run. */
    public long seed() {
        return seed;
    }

    /** This config with {@code seed} instead of its own. */
    public TrainerConfig withSeed(long seed) {
        TrainerConfig copy = fromJson(toJson());
        copy.seed = seed;
        return copy;
    }

    /**
     * How many batches are drawn, sorted by length and cut together: texts of similar length share
     * a batch (less padding), while batches stay shuffled. 1 turns bucketing off.
     */
    public int bucketBatches() {
        return bucketBatches;
    }

    @Override
    public void check() {
        require(epochs >= 1, "epochs", "must be >= 1, got %s", epochs);
        require(batchSize >= 1, "batchSize", "must be >= 1, got %s", batchSize);
        require(maxSteps >= 0, "maxSteps", "must be >= 0, got %s", maxSteps);
        require(evalEverySteps >= 0, "evalEverySteps", "must be >= 0, got %s", evalEverySteps);
        require(
                checkpointEverySteps >= 0,
                "checkpointEverySteps",
                "must be >= 0, got %s",
                checkpointEverySteps);
        require(patience >= 0, "patience", "must be >= 0, got %s", patience);
        require(bucketBatches >= 1, "bucketBatches", "must be >= 1, got %s", bucketBatches);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerConfig t
                && epochs == t.epochs
                && batchSize == t.batchSize
                && maxSteps == t.maxSteps
                && evalEverySteps == t.evalEverySteps
                && checkpointEverySteps == t.checkpointEverySteps
                && patience == t.patience
                && seed == t.seed
                && bucketBatches == t.bucketBatches;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                epochs,
                batchSize,
                maxSteps,
                evalEverySteps,
                checkpointEverySteps,
                patience,
                seed,
                bucketBatches);
    }

    @Override
    public String toString() {
        return "TrainerConfig" + toJson();
    }

    /** Builds a {@link TrainerConfig}; every value has a default. */
    public static final class Builder {
        private TrainerConfig draft = new TrainerConfig();

        private Builder() {}

        /** Default 3. */
        public Builder optEpochs(int epochs) {
            draft().epochs = epochs;
            return this;
        }

        /** Default 32. */
        public Builder optBatchSize(int batchSize) {
            draft().batchSize = batchSize;
            return this;
        }

        /** Default 0 (no cap). */
        public Builder optMaxSteps(long maxSteps) {
            draft().maxSteps = maxSteps;
            return this;
        }

        /** Default 0 (each epoch). */
        public Builder optEvalEverySteps(int steps) {
            draft().evalEverySteps = steps;
            return this;
        }

        /** Default 0 (each epoch). */
        public Builder optCheckpointEverySteps(int steps) {
            draft().checkpointEverySteps = steps;
            return this;
        }

        /** Default 0 (no early stopping). */
        public Builder optPatience(int patience) {
            draft().patience = patience;
            return this;
        }

        /** Default 42. */
        public Builder optSeed(long seed) {
            draft().seed = seed;
            return this;
        }

        /** Default 50. */
        public Builder optBucketBatches(int batches) {
            draft().bucketBatches = batches;
            return this;
        }

        /**
         * The config; the builder cannot be used afterwards.
         *
         * @throws io.github.bertdistill.core.config.ConfigException naming an invalid value
         */
        public TrainerConfig build() {
            TrainerConfig config = draft();
            config.check();
            draft = null;
            return config;
        }

        private TrainerConfig draft() {
            checkState(draft != null, "build() was already called on this builder");
            return draft;
        }
    }
}

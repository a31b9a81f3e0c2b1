package io.github.bertdistill.distill.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.github.bertdistill.core.config.StrictJson;
import java.nio.file.Path;

/**
 * The engineering side of a run, kept apart from the method ({@link MethodConfig}), as TextBrewer
 * splits {@code TrainerConfig} from {@code DistillationConfig}: how long, in what batches, where to
 * write, how often to validate and checkpoint. None of it changes what is being optimised.
 *
 * <p>Built with {@link #builder()} ({@code setX} for required values, {@code optX} for optional
 * ones) or read from JSON with {@link #fromJson}; unknown JSON keys are rejected.
 */
public final class TrainerConfig {
    private String outputDir;
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
     * @throws IllegalArgumentException naming an unknown key or an invalid value
     */
    public static TrainerConfig fromJson(String json) {
        return StrictJson.read(json, TrainerConfig.class).validate();
    }

    /** This config as pretty JSON. */
    public String toJson() {
        return StrictJson.write(this);
    }

    /** Folder for checkpoints, the best model's weights and the metrics log. */
    public Path outputDir() {
        return Path.of(outputDir);
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

    /**
     * How many batches are drawn, sorted by length and cut together: texts of similar length share
     * a batch (less padding), while batches stay shuffled. 1 turns bucketing off.
     */
    public int bucketBatches() {
        return bucketBatches;
    }

    private TrainerConfig validate() {
        checkArgument(outputDir != null && !outputDir.isBlank(), "outputDir must be set");
        checkArgument(epochs >= 1, "epochs must be >= 1, got %s", epochs);
        checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
        checkArgument(maxSteps >= 0, "maxSteps must be >= 0, got %s", maxSteps);
        checkArgument(evalEverySteps >= 0, "evalEverySteps must be >= 0");
        checkArgument(checkpointEverySteps >= 0, "checkpointEverySteps must be >= 0");
        checkArgument(patience >= 0, "patience must be >= 0, got %s", patience);
        checkArgument(bucketBatches >= 1, "bucketBatches must be >= 1, got %s", bucketBatches);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainerConfig && toJson().equals(((TrainerConfig) o).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "TrainerConfig" + toJson();
    }

    /** Builds a {@link TrainerConfig}. */
    public static final class Builder {
        private TrainerConfig draft = new TrainerConfig();

        private Builder() {}

        /** Required: the output folder. */
        public Builder setOutputDir(Path outputDir) {
            draft().outputDir = outputDir.toString();
            return this;
        }

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
         * @throws IllegalArgumentException naming an invalid value
         */
        public TrainerConfig build() {
            TrainerConfig config = draft().validate();
            draft = null;
            return config;
        }

        private TrainerConfig draft() {
            checkState(draft != null, "build() was already called on this builder");
            return draft;
        }
    }
}

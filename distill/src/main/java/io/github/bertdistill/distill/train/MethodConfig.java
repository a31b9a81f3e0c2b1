package io.github.bertdistill.distill.train;

import static com.google.common.base.Preconditions.checkState;
import static io.github.bertdistill.core.config.ConfigException.require;

import io.github.bertdistill.core.config.CheckedConfig;
import io.github.bertdistill.core.config.StrictJson;
import io.github.bertdistill.distill.loss.DistillationLoss;
import io.github.bertdistill.distill.loss.FeatureMatchingLoss;
import io.github.bertdistill.distill.loss.LossKind;
import java.util.Objects;

/**
 * The method side of a run (TextBrewer's {@code DistillationConfig}): what is optimised and how.
 *
 * <ul>
 *   <li>the loss {@code L = α·CE(z_s, y) + (1−α)·soft(z_s, z_t)} with {@code soft} = {@code T²·KL}
 *       or MSE on logits (see {@link DistillationLoss}); {@code T} and {@code α} follow {@link
 *       Schedule}s over the run. {@code α = 1} (the default) is plain supervised training, the way
 *       the teacher is fine-tuned;
 *   <li>the optimiser (Adam or AdamW), its learning rate, warm-up and {@link LearningRateSchedule},
 *       weight decay {@code λ}, and gradient clipping by global norm;
 *   <li>optionally, an exponential moving average of the weights with a time constant in epochs
 *       ({@link WeightAverage}): what is validated and returned is then the average;
 *   <li>optionally, representation distillation: {@code β·‖W·h_s + b − h_t‖²/H} added to the loss
 *       ({@link FeatureMatchingLoss}), matching the student's features to the teacher's through a
 *       training-only projection; {@code β = 0} (the default) trains on logits only.
 * </ul>
 *
 * <p>Prediction always runs at {@code T = 1}; the temperature only softens the distillation
 * targets. Built with {@link #builder()} or read from JSON with {@link #fromJson}; unknown JSON
 * keys are rejected.
 */
public final class MethodConfig implements CheckedConfig {
    private LossKind lossKind = LossKind.KL;
    private Schedule temperature = Schedule.constant(1);
    private Schedule alpha = Schedule.constant(1);
    private OptimizerKind optimizer = OptimizerKind.ADAMW;
    private float learningRate = 1e-3f;
    private LearningRateSchedule learningRateSchedule = LearningRateSchedule.CONSTANT;
    private float warmupFraction;
    private float weightDecay;
    private float clipNorm;
    private float averagingEpochs;
    private float featureWeight;

    private MethodConfig() {}

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder(new MethodConfig());
    }

    /**
     * Reads the JSON written by {@link #toJson()}.
     *
     * @throws io.github.bertdistill.core.config.ConfigException naming the key path of an unknown
     *     key, a value of the wrong type or out of range
     */
    public static MethodConfig fromJson(String json) {
        return StrictJson.read(json, MethodConfig.class);
    }

    /** This config as pretty JSON. */
    public String toJson() {
        return StrictJson.write(this);
    }

    /** A copy of this config with constant {@code T} and {@code α} (one cell of a sweep). */
    public MethodConfig withConstant(float temperature, float alpha) {
        return new Builder(fromJson(toJson()))
                .optTemperature(Schedule.constant(temperature))
                .optAlpha(Schedule.constant(alpha))
                .build();
    }

    /** The soft term: KL at a temperature, or MSE on logits. */
    public LossKind lossKind() {
        return lossKind;
    }

    /** The temperature {@code T} over the run. */
    public Schedule temperature() {
        return temperature;
    }

    /** The hard-label weight {@code α} over the run. */
    public Schedule alpha() {
        return alpha;
    }

    /** Adam or AdamW. */
    public OptimizerKind optimizer() {
        return optimizer;
    }

    /** The base learning rate {@code η}. */
    public float learningRate() {
        return learningRate;
    }

    /** How the learning rate moves after warm-up. */
    public LearningRateSchedule learningRateSchedule() {
        return learningRateSchedule;
    }

    /** Fraction of the steps spent warming the learning rate up linearly from 0. */
    public float warmupFraction() {
        return warmupFraction;
    }

    /** The weight decay {@code λ}, applied to parameters with two or more axes only. */
    public float weightDecay() {
        return weightDecay;
    }

    /** Gradients are rescaled so their global L2 norm is at most this; 0 turns clipping off. */
    public float clipNorm() {
        return clipNorm;
    }

    /**
     * The time constant {@code τ}, in epochs, of the exponential moving average of the weights that
     * is validated and returned ({@link WeightAverage}); 0 (the default) trains without one.
     */
    public float averagingEpochs() {
        return averagingEpochs;
    }

    /**
     * The weight {@code β} of the feature-matching term ({@link FeatureMatchingLoss}); 0 (the
     * default) leaves the teacher's features out.
     */
    public float featureWeight() {
        return featureWeight;
    }

    /** The loss at training progress {@code progress ∈ [0, 1]}. */
    public DistillationLoss lossAt(double progress) {
        return DistillationLoss.of(
                lossKind, temperature.valueAt(progress), alpha.valueAt(progress));
    }

    /** The learning rate of step {@code step} (0-based) of {@code totalSteps}. */
    public float learningRateAt(long step, long totalSteps) {
        return learningRateSchedule.rate(learningRate, warmupFraction, step, totalSteps);
    }

    @Override
    public void check() {
        require(lossKind != null, "lossKind", "must be set");
        require(optimizer != null, "optimizer", "must be set");
        require(learningRateSchedule != null, "learningRateSchedule", "must be set");
        require(temperature != null, "temperature", "must be set");
        require(
                temperature.from() > 0,
                "temperature.from",
                "must be > 0, got %s",
                temperature.from());
        require(temperature.to() > 0, "temperature.to", "must be > 0, got %s", temperature.to());
        require(alpha != null, "alpha", "must be set");
        require(
                alpha.from() >= 0 && alpha.from() <= 1,
                "alpha.from",
                "must be in [0, 1], got %s",
                alpha.from());
        require(
                alpha.to() >= 0 && alpha.to() <= 1,
                "alpha.to",
                "must be in [0, 1], got %s",
                alpha.to());
        require(learningRate > 0, "learningRate", "must be > 0, got %s", learningRate);
        require(
                warmupFraction >= 0 && warmupFraction < 1,
                "warmupFraction",
                "must be in [0, 1), got %s",
                warmupFraction);
        require(weightDecay >= 0, "weightDecay", "must be >= 0, got %s", weightDecay);
        require(clipNorm >= 0, "clipNorm", "must be >= 0, got %s", clipNorm);
        require(averagingEpochs >= 0, "averagingEpochs", "must be >= 0, got %s", averagingEpochs);
        require(featureWeight >= 0, "featureWeight", "must be >= 0, got %s", featureWeight);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodConfig m
                && lossKind == m.lossKind
                && Objects.equals(temperature, m.temperature)
                && Objects.equals(alpha, m.alpha)
                && optimizer == m.optimizer
                && Float.compare(learningRate, m.learningRate) == 0
                && learningRateSchedule == m.learningRateSchedule
                && Float.compare(warmupFraction, m.warmupFraction) == 0
                && Float.compare(weightDecay, m.weightDecay) == 0
                && Float.compare(clipNorm, m.clipNorm) == 0
                && Float.compare(averagingEpochs, m.averagingEpochs) == 0
                && Float.compare(featureWeight, m.featureWeight) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                lossKind,
                temperature,
                alpha,
                optimizer,
                learningRate,
                learningRateSchedule,
                warmupFraction,
                weightDecay,
                clipNorm,
                averagingEpochs,
                featureWeight);
    }

    @Override
    public String toString() {
        return "MethodConfig" + toJson();
    }

    /** Builds a {@link MethodConfig}; every value has a default. */
    public static final class Builder {
        private MethodConfig draft;

        private Builder(MethodConfig draft) {
            this.draft = draft;
        }

        /** Default {@link LossKind#KL}. */
        public Builder optLossKind(LossKind kind) {
            draft().lossKind = kind;
            return this;
        }

        /** Default constant 1. */
        public Builder optTemperature(Schedule schedule) {
            draft().temperature = schedule;
            return this;
        }

        /** Default constant 1 (supervised training only). */
        public Builder optAlpha(Schedule schedule) {
            draft().alpha = schedule;
            return this;
        }

        /** Default {@link OptimizerKind#ADAMW}. */
        public Builder optOptimizer(OptimizerKind kind) {
            draft().optimizer = kind;
            return this;
        }

        /** Default 1e-3. */
        public Builder optLearningRate(float rate) {
            draft().learningRate = rate;
            return this;
        }

        /** Default {@link LearningRateSchedule#CONSTANT}. */
        public Builder optLearningRateSchedule(LearningRateSchedule schedule) {
            draft().learningRateSchedule = schedule;
            return this;
        }

        /** Default 0. */
        public Builder optWarmupFraction(float fraction) {
            draft().warmupFraction = fraction;
            return this;
        }

        /** Default 0. */
        public Builder optWeightDecay(float decay) {
            draft().weightDecay = decay;
            return this;
        }

        /** Default 0 (no clipping). */
        public Builder optClipNorm(float norm) {
            draft().clipNorm = norm;
            return this;
        }

        /** Default 0 (no weight averaging). */
        public Builder optAveragingEpochs(float epochs) {
            draft().averagingEpochs = epochs;
            return this;
        }

        /** Default 0 (logits only). */
        public Builder optFeatureWeight(float weight) {
            draft().featureWeight = weight;
            return this;
        }

        /**
         * The config; the builder cannot be used afterwards.
         *
         * @throws io.github.bertdistill.core.config.ConfigException naming an invalid value
         */
        public MethodConfig build() {
            MethodConfig config = draft();
            config.check();
            draft = null;
            return config;
        }

        private MethodConfig draft() {
            checkState(draft != null, "build() was already called on this builder");
            return draft;
        }
    }
}

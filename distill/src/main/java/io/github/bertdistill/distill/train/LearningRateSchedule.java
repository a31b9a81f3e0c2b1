package io.github.bertdistill.distill.train;

/**
 * How the learning rate {@code η_t} follows the base rate {@code η} over {@code N} steps, after a
 * linear warm-up over the first {@code W = ⌈warmupFraction·N⌉} steps ({@code η_t = η·(t+1)/W}).
 */
public enum LearningRateSchedule {
    /** {@code η_t = η} after warm-up: the usual choice for a TextCNN with Adam. */
    CONSTANT,
    /**
     * {@code η_t = η·(N − t)/(N − W)} after warm-up, reaching 0 at the end: BERT fine-tuning
     * (Devlin et al. 2019).
     */
    LINEAR_DECAY;

    /** The rate for step {@code step} (0-based) of {@code totalSteps}. */
    public float rate(float base, float warmupFraction, long step, long totalSteps) {
        long warmup = (long) Math.ceil(warmupFraction * (float) totalSteps);
        if (step < warmup) {
            return (float) (base * (step + 1.0) / warmup);
        }
        if (this == CONSTANT) {
            return base;
        }
        return (float) (base * Math.max(0.0, (double) (totalSteps - step) / (totalSteps - warmup)));
    }
}

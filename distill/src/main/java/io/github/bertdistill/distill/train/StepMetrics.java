package io.github.bertdistill.distill.train;

/**
 * What one optimisation step did.
 *
 * @param step steps completed, this one included (1-based)
 * @param totalSteps the steps the run will make unless it stops early
 * @param epoch the epoch this step belongs to (1-based)
 * @param loss the batch loss
 * @param learningRate {@code η_t}
 * @param temperature {@code T} of the step
 * @param alpha {@code α} of the step
 * @param gradientNorm the global gradient norm before clipping
 * @param examples examples in the batch
 * @param seconds wall time of the step
 */
public record StepMetrics(
        long step,
        long totalSteps,
        int epoch,
        double loss,
        float learningRate,
        float temperature,
        float alpha,
        double gradientNorm,
        int examples,
        double seconds) {}

package io.github.bertdistill.distill.train;

/**
 * How a run ended. The classifier holds the best checkpoint's weights when there was a dev set, the
 * last weights otherwise.
 *
 * @param steps steps completed
 * @param lastLoss loss of the last step
 * @param bestDevAccuracy best dev accuracy ({@code NaN} without a dev set)
 * @param bestStep the step of the best dev accuracy (-1 without a dev set)
 * @param lastDevAccuracy dev accuracy at the last validation ({@code NaN} without a dev set)
 * @param stoppedEarly whether early stopping ended the run
 */
public record TrainerResult(
        long steps,
        double lastLoss,
        double bestDevAccuracy,
        long bestStep,
        double lastDevAccuracy,
        boolean stoppedEarly) {}

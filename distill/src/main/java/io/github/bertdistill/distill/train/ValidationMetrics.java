package io.github.bertdistill.distill.train;

/**
 * One validation on the dev set.
 *
 * @param step steps completed when it ran
 * @param epoch the epoch (1-based)
 * @param accuracy dev accuracy of the current weights
 * @param bestAccuracy best dev accuracy so far, this one included
 * @param improved whether this validation set a new best (and so replaced the best checkpoint)
 */
public record ValidationMetrics(
        long step, int epoch, double accuracy, double bestAccuracy, boolean improved) {}

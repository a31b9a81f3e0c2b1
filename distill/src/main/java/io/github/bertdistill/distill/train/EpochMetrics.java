package io.github.bertdistill.distill.train;

/**
 * The end of an epoch.
 *
 * @param epoch the epoch that ended (1-based)
 * @param step steps completed
 * @param meanLoss the example-weighted mean batch loss over the epoch
 * @param examples examples seen in the epoch
 */
public record EpochMetrics(int epoch, long step, double meanLoss, long examples) {}

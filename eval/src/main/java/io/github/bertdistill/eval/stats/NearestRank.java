package io.github.bertdistill.eval.stats;

/**
 * Percentiles by the nearest-rank method: the {@code p}-th percentile of {@code n} sorted values
 * {@code x_(1) ≤ … ≤ x_(n)} is {@code x_(⌈p/100 · n⌉)} (and {@code x_(1)} for {@code p = 0}).
 *
 * <p>It always returns one of the observed values, never an interpolation, so a p99 of 100
 * latencies is the 99th smallest and a p50 of an even count is the lower middle value.
 */
public final class NearestRank {
    private NearestRank() {}

    /** The {@code percentile}-th percentile (0–100) of values already sorted ascending. */
    public static double ofSorted(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + percentile);
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}

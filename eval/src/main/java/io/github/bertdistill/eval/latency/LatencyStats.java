package io.github.bertdistill.eval.latency;

import io.github.bertdistill.eval.stats.NearestRank;
import java.util.Arrays;

/**
 * Summary of repeated timings, in milliseconds; percentiles by {@link NearestRank}.
 *
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param mean arithmetic mean
 * @param samples number of timings
 */
public record LatencyStats(double p50, double p90, double p99, double mean, int samples) {

    /** The summary of timings given in nanoseconds. */
    public static LatencyStats ofNanos(long[] nanos) {
        double[] millis = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).sorted().toArray();
        return new LatencyStats(
                NearestRank.ofSorted(millis, 50),
                NearestRank.ofSorted(millis, 90),
                NearestRank.ofSorted(millis, 99),
                Arrays.stream(millis).average().orElseThrow(),
                millis.length);
    }
}

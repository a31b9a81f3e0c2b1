package io.github.bertdistill.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentileBootstrapTest {

    /** {@code n} indicators of which the first {@code ones} are 1. */
    private static double[] indicators(int n, int ones) {
        double[] values = new double[n];
        for (int i = 0; i < ones; i++) {
            values[i] = 1;
        }
        return values;
    }

    @Test
    void intervalContainsThePointEstimate() {
        Interval interval = PercentileBootstrap.defaults().meanInterval(indicators(200, 170));

        assertEquals(0.85, interval.estimate(), 1e-12);
        assertTrue(interval.lower() <= 0.85 && 0.85 <= interval.upper(), interval.toString());
        assertTrue(interval.lower() < interval.upper());
        assertEquals(0.95, interval.confidence());
    }

    @Test
    void narrowsWithMoreData() {
        PercentileBootstrap bootstrap = PercentileBootstrap.defaults();
        Interval small = bootstrap.meanInterval(indicators(100, 80));
        Interval large = bootstrap.meanInterval(indicators(10_000, 8_000));

        assertTrue(large.width() < small.width() / 5, small + " vs " + large);
        // Binomial standard error sqrt(.8 * .2 / n): the 95 % width is about 3.92 of them.
        assertEquals(3.92 * Math.sqrt(0.16 / 100), small.width(), 0.04);
    }

    @Test
    void isReproducibleForASeed() {
        double[] values = indicators(50, 30);
        Interval first = PercentileBootstrap.builder().optSeed(7).build().meanInterval(values);
        Interval again = PercentileBootstrap.builder().optSeed(7).build().meanInterval(values);

        assertEquals(first, again);
    }

    @Test
    void aConstantSampleHasAZeroWidthInterval() {
        Interval interval = PercentileBootstrap.defaults().meanInterval(indicators(30, 30));
        assertEquals(new Interval(1, 1, 1, 0.95), interval);
    }
}

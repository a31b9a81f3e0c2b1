package io.github.bertdistill.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence interval of a mean (Efron, "Bootstrap methods: another look at
 * the jackknife", 1979; Efron &amp; Tibshirani, <i>An Introduction to the Bootstrap</i>, 1993, ch.
 * 13).
 *
 * <p>From {@code n} values, {@code B} resamples of size {@code n} are drawn with replacement, the
 * mean {@code θ*_b} of each is taken, and the interval is the {@code (1−c)/2} and {@code (1+c)/2}
 * nearest-rank percentiles of the {@code θ*_b}. Accuracy is the mean of per-example correctness (1
 * or 0), so its interval comes from {@link #meanInterval} on those indicators. The generator is
 * seeded: the same input and seed give the same interval.
 */
public final class PercentileBootstrap {
    /** Resamples drawn unless set otherwise. */
    public static final int DEFAULT_RESAMPLES = 1000;

    /** Seed used unless set otherwise. */
    public static final long DEFAULT_SEED = 42L;

    /** Nominal coverage unless set otherwise. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    private final int resamples;
    private final long seed;
    private final double confidence;

    private PercentileBootstrap(Builder builder) {
        this.resamples = builder.resamples;
        this.seed = builder.seed;
        this.confidence = builder.confidence;
    }

    /** A builder with B = 1000, seed 42 and 95 % coverage. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bootstrap with the default settings. */
    public static PercentileBootstrap defaults() {
        return builder().build();
    }

    /** Number of resamples B. */
    public int resamples() {
        return resamples;
    }

    /** The seed of the resampling generator. */
    public long seed() {
        return seed;
    }

    /** Nominal coverage of the interval. */
    public double confidence() {
        return confidence;
    }

    /** The mean of {@code values} with its percentile-bootstrap interval. */
    public Interval meanInterval(double[] values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("cannot bootstrap an empty sample");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        double tail = (1 - confidence) / 2 * 100;
        return new Interval(
                Arrays.stream(values).average().orElseThrow(),
                NearestRank.ofSorted(means, tail),
                NearestRank.ofSorted(means, 100 - tail),
                confidence);
    }

    /** Settings of a {@link PercentileBootstrap}. */
    public static final class Builder {
        private int resamples = DEFAULT_RESAMPLES;
        private long seed = DEFAULT_SEED;
        private double confidence = DEFAULT_CONFIDENCE;

        private Builder() {}

        /** Number of resamples B (> 0). */
        public Builder optResamples(int resamples) {
            if (resamples <= 0) {
                throw new IllegalArgumentException("resamples must be > 0, got " + resamples);
            }
            this.resamples = resamples;
            return this;
        }

        /** Seed of the resampling generator. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Nominal coverage in (0, 1). */
        public Builder optConfidence(double confidence) {
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException(
                        "confidence must be in (0, 1), got " + confidence);
            }
            this.confidence = confidence;
            return this;
        }

        /** The bootstrap. */
        public PercentileBootstrap build() {
            return new PercentileBootstrap(this);
        }
    }
}

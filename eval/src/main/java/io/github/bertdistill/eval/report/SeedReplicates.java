package io.github.bertdistill.eval.report;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.math.Stats;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * One student role trained once per seed, with each run's test accuracy: how far the training's own
 * randomness (initial weights, embedding projection, batch order, dropout) moves the result.
 *
 * <p>A single run per role cannot tell a one-point gain from luck: on SST-2 the hard-label
 * TextCNN's test accuracy moves by about a point from seed to seed. Reporting the mean and the
 * sample standard deviation {@code s = sqrt(Σ(xᵢ − x̄)² / (n − 1))} over {@code n} seeds is the
 * practice of Reimers and Gurevych 2017 ("Reporting Score Distributions Makes a Difference").
 *
 * @param role the student role, e.g. {@code student-kd-aug}
 * @param seeds the training seed of each run
 * @param accuracies the test accuracy of each run (a fraction), in the order of {@code seeds}
 */
public record SeedReplicates(String role, List<Long> seeds, List<Double> accuracies) {
    public SeedReplicates {
        checkArgument(!seeds.isEmpty(), "%s: no seeds", role);
        checkArgument(
                seeds.size() == accuracies.size(),
                "%s: %s seeds but %s accuracies",
                role,
                seeds.size(),
                accuracies.size());
        seeds = List.copyOf(seeds);
        accuracies = List.copyOf(accuracies);
    }

    /** Number of runs. */
    public int count() {
        return seeds.size();
    }

    /** Mean test accuracy. */
    public double mean() {
        return stats().mean();
    }

    /** Sample standard deviation ({@code n − 1}); NaN for a single run. */
    public double standardDeviation() {
        return count() < 2 ? Double.NaN : stats().sampleStandardDeviation();
    }

    /** Lowest test accuracy. */
    public double min() {
        return stats().min();
    }

    /** Highest test accuracy. */
    public double max() {
        return stats().max();
    }

    /**
     * Welch's two-sided t-test of the difference between this role's mean and {@code other}'s:
     * {@code t = (x̄ − ȳ) / sqrt(s_x²/n_x + s_y²/n_y)} with the Welch–Satterthwaite degrees of
     * freedom (Welch 1947), which does not assume equal variances.
     *
     * @return the p-value, or empty when either role has fewer than two runs or neither varies
     */
    public OptionalDouble welchPValue(SeedReplicates other) {
        if (count() < 2
                || other.count() < 2
                || (stats().populationVariance() == 0 && other.stats().populationVariance() == 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(new TTest().tTest(values(), other.values()));
    }

    private double[] values() {
        return accuracies.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private Stats stats() {
        return Stats.of(accuracies);
    }
}

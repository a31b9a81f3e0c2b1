package io.github.bertdistill.eval.report;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.math.PairedStats;
import com.google.common.math.PairedStatsAccumulator;
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
 * <p><b>Dev against test.</b> Each run may also carry the dev accuracy of the checkpoint it kept
 * (the best validation, which chose it). That number is biased upwards: it is the maximum of
 * several noisy validations on the same dev set (a few hundred to a thousand texts), and the recipe
 * itself was chosen on dev. The gap {@code test mean − dev mean} measures how much of a role's dev
 * accuracy does not carry over, and the Pearson correlation {@code r} of dev and test across seeds
 * says whether a seed that validates better also tests better (with {@code r ≈ 0}, ranking runs by
 * dev is ranking them by noise). Comparing two roles' gaps shows when a lead on dev is a lead of
 * selection only.
 *
 * @param role the student role, e.g. {@code student-kd-aug}
 * @param seeds the training seed of each run
 * @param accuracies the test accuracy of each run (a fraction), in the order of {@code seeds}
 * @param devAccuracies the dev accuracy of each run's kept checkpoint, in the same order; {@code
 *     NaN} where the run logged none
 */
public record SeedReplicates(
        String role, List<Long> seeds, List<Double> accuracies, List<Double> devAccuracies) {
    public SeedReplicates {
        checkArgument(!seeds.isEmpty(), "%s: no seeds", role);
        checkArgument(
                seeds.size() == accuracies.size() && seeds.size() == devAccuracies.size(),
                "%s: %s seeds but %s accuracies and %s dev accuracies",
                role,
                seeds.size(),
                accuracies.size(),
                devAccuracies.size());
        seeds = List.copyOf(seeds);
        accuracies = List.copyOf(accuracies);
        devAccuracies = List.copyOf(devAccuracies);
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

    /** Whether every run has the dev accuracy of its kept checkpoint. */
    public boolean hasDev() {
        return devAccuracies.stream().noneMatch(d -> d.isNaN());
    }

    /** Mean dev accuracy of the kept checkpoints; NaN unless {@link #hasDev()}. */
    public double devMean() {
        return hasDev() ? Stats.meanOf(devAccuracies) : Double.NaN;
    }

    /** Sample standard deviation of the dev accuracies; NaN for a single run or unless known. */
    public double devStandardDeviation() {
        return hasDev() && count() >= 2
                ? Stats.of(devAccuracies).sampleStandardDeviation()
                : Double.NaN;
    }

    /**
     * Pearson's correlation of dev and test accuracy across the runs, {@code r = cov(d, t) / (s_d
     * s_t)}.
     *
     * @return {@code r}, or empty with fewer than three runs, without dev accuracies, or when
     *     either set of accuracies does not vary
     */
    public OptionalDouble devTestCorrelation() {
        if (!hasDev() || count() < 3) {
            return OptionalDouble.empty();
        }
        PairedStatsAccumulator pairs = new PairedStatsAccumulator();
        for (int i = 0; i < count(); i++) {
            pairs.add(devAccuracies.get(i), accuracies.get(i));
        }
        PairedStats stats = pairs.snapshot();
        if (stats.xStats().populationVariance() == 0 || stats.yStats().populationVariance() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(stats.pearsonsCorrelationCoefficient());
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

package io.github.bertdistill.eval.stats;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * McNemar's test of whether two classifiers, scored on the same examples, have the same error rate
 * (McNemar, "Note on the sampling error of the difference between correlated proportions or
 * percentages", Psychometrika 12, 1947; Dietterich, Neural Computation 10, 1998).
 *
 * <p>Only the discordant pairs count: {@code b} examples that model A gets right and B wrong, and
 * {@code c} the other way round. Under the null hypothesis each discordant pair is a fair coin.
 *
 * <ul>
 *   <li>{@code b + c < 25}: the <b>exact</b> two-sided binomial test, {@code p = min(1, 2 · P(X ≤
 *       min(b, c)))} with {@code X ~ Binomial(b + c, ½)}; the statistic reported is {@code min(b,
 *       c)}.
 *   <li>otherwise: the <b>chi-squared</b> test with Edwards' continuity correction, {@code χ² =
 *       (max(|b − c| − 1, 0))² / (b + c)}, {@code p = P(χ²₁ ≥ χ²)}.
 * </ul>
 *
 * With no discordant pair at all the models are indistinguishable: {@code p = 1}.
 */
public final class McNemarTest {
    /** Below this many discordant pairs the exact binomial test is used. */
    public static final int EXACT_BELOW = 25;

    private McNemarTest() {}

    /** Which form of the test was applied. */
    public enum Method {
        /** Exact two-sided binomial test on the discordant pairs. */
        EXACT_BINOMIAL,
        /** Chi-squared with one degree of freedom and continuity correction. */
        CHI_SQUARED_CONTINUITY_CORRECTED
    }

    /**
     * The outcome of the test.
     *
     * @param b examples model A classifies correctly and model B wrongly
     * @param c examples model B classifies correctly and model A wrongly
     * @param method the form of the test
     * @param statistic {@code min(b, c)} for the exact test, {@code χ²} otherwise
     * @param pValue the two-sided p-value
     */
    public record Result(int b, int c, Method method, double statistic, double pValue) {}

    /** The test on per-example correctness of model A and model B (same examples, same order). */
    public static Result compare(boolean[] correctA, boolean[] correctB) {
        if (correctA.length != correctB.length) {
            throw new IllegalArgumentException(
                    "models scored on different numbers of examples: "
                            + correctA.length
                            + " and "
                            + correctB.length);
        }
        int b = 0;
        int c = 0;
        for (int i = 0; i < correctA.length; i++) {
            if (correctA[i] && !correctB[i]) {
                b++;
            } else if (!correctA[i] && correctB[i]) {
                c++;
            }
        }
        return fromDiscordantPairs(b, c);
    }

    /** The test from the discordant counts {@code b} and {@code c}. */
    public static Result fromDiscordantPairs(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got b=" + b + " c=" + c);
        }
        int n = b + c;
        if (n < EXACT_BELOW) {
            int k = Math.min(b, c);
            double p =
                    n == 0
                            ? 1
                            : 2 * new BinomialDistribution(null, n, 0.5).cumulativeProbability(k);
            return new Result(b, c, Method.EXACT_BINOMIAL, k, Math.min(1, p));
        }
        double corrected = Math.max(Math.abs(b - c) - 1, 0);
        double chi2 = corrected * corrected / n;
        double p = 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(chi2);
        return new Result(b, c, Method.CHI_SQUARED_CONTINUITY_CORRECTED, chi2, p);
    }
}

package io.github.bertdistill.eval.stats;

/**
 * A point estimate with a confidence interval.
 *
 * @param estimate the statistic on the original sample
 * @param lower lower bound of the interval
 * @param upper upper bound of the interval
 * @param confidence the interval's nominal coverage, such as 0.95
 */
public record Interval(double estimate, double lower, double upper, double confidence) {

    /** {@code upper − lower}. */
    public double width() {
        return upper - lower;
    }
}

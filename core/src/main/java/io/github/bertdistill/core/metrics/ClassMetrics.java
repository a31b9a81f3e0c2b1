package io.github.bertdistill.core.metrics;

/**
 * Precision, recall and F1 of one class, with its support.
 *
 * <p>With {@code tp} the examples of the class predicted as it, {@code predicted} all examples
 * predicted as it and {@code support} all examples of it:
 *
 * <ul>
 *   <li>{@code precision = tp / predicted}, and 0 when the class is never predicted;
 *   <li>{@code recall = tp / support}, and 0 when the class never occurs;
 *   <li>{@code f1 = 2 · precision · recall / (precision + recall)}, and 0 when both are 0.
 * </ul>
 *
 * <p>The zero-division cases are scikit-learn's {@code zero_division=0}.
 *
 * @param precision the share of the class's predictions that are right
 * @param recall the share of the class's examples that are found
 * @param f1 the harmonic mean of precision and recall
 * @param support the number of examples whose gold class is this class
 */
public record ClassMetrics(double precision, double recall, double f1, int support) {

    /** The metrics of a class from its true positives, prediction count and support. */
    static ClassMetrics of(int truePositives, int predicted, int support) {
        double precision = ratioOrZero(truePositives, predicted);
        double recall = ratioOrZero(truePositives, support);
        double sum = precision + recall;
        double f1 = sum == 0 ? 0 : 2 * precision * recall / sum;
        return new ClassMetrics(precision, recall, f1, support);
    }

    private static double ratioOrZero(int numerator, int denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}

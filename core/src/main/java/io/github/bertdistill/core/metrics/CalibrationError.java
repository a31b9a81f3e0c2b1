package io.github.bertdistill.core.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.bertdistill.core.model.Softmax;

/**
 * Expected calibration error (ECE), as in Guo et al. 2017, "On Calibration of Modern Neural
 * Networks".
 *
 * <p>Each example's confidence is its largest probability and it counts as correct when that class
 * (the first one on ties) is the gold class. Confidences fall into {@code M} equal-width bins on
 * (0, 1], bin {@code m} (from 0) being {@code (m/M, (m+1)/M]}. With {@code B_m} the examples in bin
 * {@code m}, {@code acc(B_m)} their accuracy and {@code conf(B_m)} their mean confidence:
 *
 * <pre>ECE = Σ_m (|B_m| / n) · |acc(B_m) − conf(B_m)|</pre>
 *
 * <p>Empty bins contribute nothing. ECE is 0 for a perfectly calibrated model and at most 1.
 */
public final class CalibrationError {
    /** The number of bins used by Guo et al. */
    public static final int DEFAULT_BINS = 15;

    private CalibrationError() {}

    /** ECE with {@value #DEFAULT_BINS} bins; see {@link #expected(float[][], int[], int)}. */
    public static double expected(float[][] probabilities, int[] gold) {
        return expected(probabilities, gold, DEFAULT_BINS);
    }

    /**
     * ECE with {@code numBins} equal-width confidence bins.
     *
     * @param probabilities one row of class probabilities per example, all rows of equal length
     * @param gold the gold class index of each example
     * @throws IllegalArgumentException if the inputs are empty or differ in length, if {@code
     *     numBins < 1}, if a row's length differs from the first row's, if a gold index is not a
     *     column of the rows, or if a probability is outside [0, 1] or a row is all zeros
     */
    public static double expected(float[][] probabilities, int[] gold, int numBins) {
        checkArgument(numBins >= 1, "need at least one bin, got %s", numBins);
        Checks.sameNonEmptyLength("probabilities", probabilities.length, "gold", gold.length);
        int numClasses = probabilities[0].length;
        Checks.classIndices("gold", gold, numClasses);
        double[] correct = new double[numBins];
        double[] confidence = new double[numBins];
        for (int i = 0; i < probabilities.length; i++) {
            float[] row = probabilities[i];
            checkRow(row, i, numClasses);
            int predicted = Softmax.argMax(row);
            double rowConfidence = row[predicted];
            int bin = (int) Math.ceil(rowConfidence * numBins) - 1;
            confidence[bin] += rowConfidence;
            correct[bin] += predicted == gold[i] ? 1 : 0;
        }
        // Σ_m (|B_m|/n)·|acc − conf| = (1/n) Σ_m |Σ_{i∈B_m} correct_i − Σ_{i∈B_m} conf_i|
        double error = 0;
        for (int m = 0; m < numBins; m++) {
            error += Math.abs(correct[m] - confidence[m]);
        }
        return error / probabilities.length;
    }

    private static void checkRow(float[] row, int index, int numClasses) {
        checkArgument(
                row.length == numClasses,
                "probabilities[%s] has %s classes but probabilities[0] has %s",
                index,
                row.length,
                numClasses);
        boolean positive = false;
        for (int c = 0; c < row.length; c++) {
            checkArgument(
                    row[c] >= 0 && row[c] <= 1,
                    "probabilities[%s][%s] = %s is not in [0, 1]",
                    index,
                    c,
                    row[c]);
            positive |= row[c] > 0;
        }
        checkArgument(positive, "probabilities[%s] is all zeros", index);
    }
}

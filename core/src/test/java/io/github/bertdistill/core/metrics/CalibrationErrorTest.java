package io.github.bertdistill.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CalibrationErrorTest {
    // Inputs are floats, so results match hand values to about float precision.
    private static final double EPS = 1e-6;

    // example  probabilities  gold  argmax  confidence  correct  15-bin index = ceil(15·conf) − 1
    //   0      [0.95, 0.05]    0     0       0.95        yes      ceil(14.25) − 1 = 14
    //   1      [0.30, 0.70]    0     1       0.70        no       ceil(10.5)  − 1 = 10
    //   2      [0.72, 0.28]    0     0       0.72        yes      ceil(10.8)  − 1 = 10
    //   3      [0.45, 0.55]    1     1       0.55        yes      ceil(8.25)  − 1 = 8
    // No confidence lies on a bin edge k/15, so float rounding cannot move one across.
    private static final float[][] PROBABILITIES = {
        {0.95f, 0.05f}, {0.30f, 0.70f}, {0.72f, 0.28f}, {0.45f, 0.55f}
    };
    private static final int[] GOLD = {0, 0, 0, 1};

    @Test
    void fifteenBinsOnAHandWorkedCase() {
        // bin 14: 1 example, acc 1,   conf 0.95             -> (1/4)·|1 − 0.95|   = 0.0125
        // bin 10: 2 examples, acc 1/2, conf (0.70+0.72)/2 = 0.71 -> (2/4)·|0.5 − 0.71| = 0.105
        // bin 8:  1 example, acc 1,   conf 0.55             -> (1/4)·|1 − 0.55|   = 0.1125
        // ECE = 0.0125 + 0.105 + 0.1125 = 0.23
        assertEquals(0.23, CalibrationError.expected(PROBABILITIES, GOLD), EPS);
        assertEquals(0.23, CalibrationError.expected(PROBABILITIES, GOLD, 15), EPS);
    }

    @Test
    void twoBinsOnTheSameCase() {
        // Bins (0, 0.5] and (0.5, 1]: all four confidences are above 0.5, so one bin holds all:
        // acc = 3/4, conf = (0.95 + 0.70 + 0.72 + 0.55)/4 = 2.92/4 = 0.73
        // ECE = (4/4)·|0.75 − 0.73| = 0.02 (coarser bins let over- and under-confidence cancel)
        assertEquals(0.02, CalibrationError.expected(PROBABILITIES, GOLD, 2), EPS);
    }

    @Test
    void confidenceOnABinEdgeFallsInTheLowerBin() {
        // 2 bins, (0, 0.5] and (0.5, 1]; 0.5 is exact in float.
        // [0.5, 0.5] gold 0: argmax 0, right, conf 0.5 -> bin 0: acc 1, conf 0.5
        // [0.9, 0.1] gold 1: argmax 0, wrong, conf 0.9 -> bin 1: acc 0, conf 0.9
        // ECE = (1/2)·|1 − 0.5| + (1/2)·|0 − 0.9| = 0.25 + 0.45 = 0.7
        // (had 0.5 gone to bin 1, one bin: acc 1/2, conf 0.7, ECE = 0.2)
        float[][] probabilities = {{0.5f, 0.5f}, {0.9f, 0.1f}};
        assertEquals(0.7, CalibrationError.expected(probabilities, new int[] {0, 1}, 2), EPS);
    }

    @Test
    void tiesPredictTheFirstMostProbableClass() {
        // [0.4, 0.4, 0.2]: confidence 0.4, predicted class 0 (first of the tied maxima).
        // gold 0 -> correct: ECE = |1 − 0.4| = 0.6; gold 1 -> wrong: ECE = |0 − 0.4| = 0.4
        float[][] tied = {{0.4f, 0.4f, 0.2f}};
        assertEquals(0.6, CalibrationError.expected(tied, new int[] {0}), EPS);
        assertEquals(0.4, CalibrationError.expected(tied, new int[] {1}), EPS);
    }

    @Test
    void confidentAndCorrectIsPerfectlyCalibrated() {
        // Confidence 1 and always right: one bin with acc 1 and conf 1, ECE = 0.
        float[][] probabilities = {{1f, 0f}, {0f, 1f}};
        assertEquals(0, CalibrationError.expected(probabilities, new int[] {0, 1}), EPS);
    }

    @Test
    void confidentAndWrongIsMaximallyMiscalibrated() {
        float[][] probabilities = {{1f, 0f}, {0f, 1f}};
        assertEquals(1, CalibrationError.expected(probabilities, new int[] {1, 0}), EPS);
    }

    @Test
    void rejectsLengthMismatchAndEmptyInput() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CalibrationError.expected(PROBABILITIES, new int[] {0, 1}));
        assertEquals("probabilities has 4 entries but gold has 2", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> CalibrationError.expected(new float[0][], new int[0]));
    }

    @Test
    void rejectsGoldOutOfRange() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CalibrationError.expected(PROBABILITIES, new int[] {0, 0, 2, 1}));
        assertEquals("gold[2] = 2 is not a class index in [0, 2)", e.getMessage());
    }

    @Test
    void rejectsRaggedRows() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                CalibrationError.expected(
                                        new float[][] {{0.5f, 0.5f}, {0.2f, 0.3f, 0.5f}},
                                        new int[] {0, 0}));
        assertEquals("probabilities[1] has 3 classes but probabilities[0] has 2", e.getMessage());
    }

    @Test
    void rejectsProbabilitiesOutsideTheUnitInterval() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                CalibrationError.expected(
                                        new float[][] {{0.5f, 0.5f}, {1.5f, -0.5f}},
                                        new int[] {0, 0}));
        assertEquals("probabilities[1][0] = 1.5 is not in [0, 1]", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> CalibrationError.expected(new float[][] {{1f, Float.NaN}}, new int[] {0}));
    }

    @Test
    void rejectsARowOfZeros() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CalibrationError.expected(new float[][] {{0f, 0f}}, new int[] {0}));
        assertEquals("probabilities[0] is all zeros", e.getMessage());
    }

    @Test
    void rejectsFewerThanOneBin() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> CalibrationError.expected(PROBABILITIES, GOLD, 0));
        assertEquals("need at least one bin, got 0", e.getMessage());
    }
}

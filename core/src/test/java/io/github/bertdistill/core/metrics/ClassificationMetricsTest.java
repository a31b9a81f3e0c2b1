package io.github.bertdistill.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
    private static final double EPS = 1e-12;

    private static ClassificationMetrics metrics(int[] gold, int[] predicted, int numClasses) {
        return ClassificationMetrics.of(ConfusionMatrix.of(gold, predicted, numClasses));
    }

    private static void assertClass(
            ClassMetrics actual, double precision, double recall, double f1, int support) {
        assertEquals(precision, actual.precision(), EPS, "precision");
        assertEquals(recall, actual.recall(), EPS, "recall");
        assertEquals(f1, actual.f1(), EPS, "f1");
        assertEquals(support, actual.support(), "support");
    }

    @Test
    void threeClassesTenExamples() {
        // The matrix of ConfusionMatrixTest: diagonal 2, 2, 2; row sums 4, 3, 3; column sums 3, 4,
        // 3.
        // accuracy = 6/10
        // class 0: P = 2/3, R = 2/4, F1 = 2·(2/3)(1/2)/(2/3 + 1/2) = (2/3)/(7/6) = 4/7
        // class 1: P = 2/4, R = 2/3, F1 = 4/7 (P and R swapped)
        // class 2: P = 2/3, R = 2/3, F1 = 2/3
        // macro-F1 = (4/7 + 4/7 + 2/3)/3 = (12/21 + 12/21 + 14/21)/3 = 38/63
        ClassificationMetrics m =
                metrics(ConfusionMatrixTest.GOLD, ConfusionMatrixTest.PREDICTED, 3);
        assertEquals(0.6, m.accuracy(), EPS);
        assertClass(m.forClass(0), 2.0 / 3, 0.5, 4.0 / 7, 4);
        assertClass(m.forClass(1), 0.5, 2.0 / 3, 4.0 / 7, 3);
        assertClass(m.forClass(2), 2.0 / 3, 2.0 / 3, 2.0 / 3, 3);
        assertEquals(38.0 / 63, m.macroF1(), EPS);
        assertEquals(3, m.perClass().size());
        assertEquals(m.forClass(1), m.perClass().get(1));
    }

    @Test
    void classNeverPredictedHasPrecisionZero() {
        // Gold 0 0 1 1 2, predicted 0 0 1 1 1: class 2 is never predicted.
        // class 0: P = 2/2, R = 2/2, F1 = 1
        // class 1: P = 2/3, R = 2/2, F1 = 2·(2/3)·1/(2/3 + 1) = (4/3)/(5/3) = 4/5
        // class 2: P = 0/0 := 0, R = 0/1 = 0, F1 := 0 (P + R = 0)
        // accuracy = 4/5, macro-F1 = (1 + 4/5 + 0)/3 = 3/5
        ClassificationMetrics m = metrics(new int[] {0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 1}, 3);
        assertEquals(0.8, m.accuracy(), EPS);
        assertClass(m.forClass(0), 1, 1, 1, 2);
        assertClass(m.forClass(1), 2.0 / 3, 1, 0.8, 2);
        assertClass(m.forClass(2), 0, 0, 0, 1);
        assertEquals(0.6, m.macroF1(), EPS);
    }

    @Test
    void classAbsentFromGoldAndPredictionsStillCountsInMacroF1() {
        // As above with a fourth class that never occurs: P = 0/0 := 0, R = 0/0 := 0, F1 = 0.
        // macro-F1 = (1 + 4/5 + 0 + 0)/4 = 9/20
        ClassificationMetrics m = metrics(new int[] {0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 1}, 4);
        assertClass(m.forClass(3), 0, 0, 0, 0);
        assertEquals(0.45, m.macroF1(), EPS);
    }

    @Test
    void classPredictedButNeverGoldHasRecallZero() {
        // Gold 0 0 0 1 0, predicted 0 0 1 1 2: class 2 is predicted once but never gold.
        // class 0: P = 2/2, R = 2/4, F1 = 2·1·(1/2)/(3/2) = 2/3
        // class 1: P = 1/2, R = 1/1, F1 = 2/3 (P and R swapped)
        // class 2: P = 0/1 = 0, R = 0/0 := 0, F1 = 0
        // accuracy = 3/5, macro-F1 = (2/3 + 2/3 + 0)/3 = 4/9
        ClassificationMetrics m = metrics(new int[] {0, 0, 0, 1, 0}, new int[] {0, 0, 1, 1, 2}, 3);
        assertClass(m.forClass(0), 1, 0.5, 2.0 / 3, 4);
        assertClass(m.forClass(1), 0.5, 1, 2.0 / 3, 1);
        assertClass(m.forClass(2), 0, 0, 0, 0);
        assertEquals(4.0 / 9, m.macroF1(), EPS);
        assertEquals(0.6, m.accuracy(), EPS);
    }

    @Test
    void perfectPredictions() {
        // Every class: P = R = F1 = 1; accuracy = 1; macro-F1 = 1.
        int[] labels = {2, 0, 1, 1, 0, 2};
        ClassificationMetrics m = metrics(labels, labels, 3);
        assertEquals(1, m.accuracy(), EPS);
        for (int c = 0; c < 3; c++) {
            assertClass(m.forClass(c), 1, 1, 1, 2);
        }
        assertEquals(1, m.macroF1(), EPS);
    }

    @Test
    void allWrongPredictions() {
        // Gold 0 1 2 0, predicted 1 2 0 2: no diagonal entry, so every TP = 0 and P = R = F1 = 0.
        ClassificationMetrics m = metrics(new int[] {0, 1, 2, 0}, new int[] {1, 2, 0, 2}, 3);
        assertEquals(0, m.accuracy(), EPS);
        assertClass(m.forClass(0), 0, 0, 0, 2);
        assertClass(m.forClass(1), 0, 0, 0, 1);
        assertClass(m.forClass(2), 0, 0, 0, 1);
        assertEquals(0, m.macroF1(), EPS);
    }

    @Test
    void printsAccuracyAndMacroF1() {
        ClassificationMetrics m = metrics(new int[] {0, 0, 1, 1, 2}, new int[] {0, 0, 1, 1, 1}, 3);
        assertEquals("ClassificationMetrics{accuracy=0.8000, macroF1=0.6000}", m.toString());
    }
}

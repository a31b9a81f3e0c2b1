package io.github.bertdistill.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    // Gold      0 0 0 0 1 1 1 2 2 2
    // Predicted 0 0 1 2 1 1 0 2 2 1
    //
    //              pred 0  pred 1  pred 2 | row sum
    //   gold 0        2       1       1   |   4
    //   gold 1        1       2       0   |   3
    //   gold 2        0       1       2   |   3
    //   column sum    3       4       3   |  10, diagonal 6
    static final int[] GOLD = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    static final int[] PREDICTED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};

    @Test
    void countsGoldByPredicted() {
        ConfusionMatrix m = ConfusionMatrix.of(GOLD, PREDICTED, 3);
        int[][] expected = {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}};
        assertEquals(3, m.numClasses());
        for (int g = 0; g < 3; g++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(expected[g][p], m.count(g, p), "count(" + g + ", " + p + ")");
            }
        }
    }

    @Test
    void sumsRowsColumnsDiagonalAndTotal() {
        ConfusionMatrix m = ConfusionMatrix.of(GOLD, PREDICTED, 3);
        assertEquals(10, m.total());
        assertEquals(6, m.correct());
        assertEquals(4, m.rowSum(0));
        assertEquals(3, m.rowSum(1));
        assertEquals(3, m.rowSum(2));
        assertEquals(3, m.columnSum(0));
        assertEquals(4, m.columnSum(1));
        assertEquals(3, m.columnSum(2));
    }

    @Test
    void printsARightAlignedTableWithClassNames() {
        ConfusionMatrix m =
                ConfusionMatrix.of(
                        new int[] {0, 0, 1, 1, 1},
                        new int[] {0, 1, 1, 1, 1},
                        LabelSet.of("neg", "pos"));
        String expected =
                String.join(
                        "\n", "gold\\pred  neg  pos", "      neg    1    1", "      pos    0    3");
        assertEquals(expected, m.toString());
    }

    @Test
    void namesClassesByIndexWithoutALabelSet() {
        String table = ConfusionMatrix.of(GOLD, PREDICTED, 3).toString();
        assertTrue(table.startsWith("gold\\pred  0  1  2\n"), table);
    }

    @Test
    void rejectsLengthMismatch() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 2));
        assertEquals("gold has 2 entries but predicted has 1", e.getMessage());
    }

    @Test
    void rejectsEmptyInput() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ConfusionMatrix.of(new int[0], new int[0], 2));
        assertEquals("gold and predicted are empty", e.getMessage());
    }

    @Test
    void rejectsIndicesOutOfRange() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 2}, 2));
        assertEquals("predicted[1] = 2 is not a class index in [0, 2)", e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {-1}, new int[] {0}, 2));
    }

    @Test
    void rejectsNoClasses() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 0));
    }

    @Test
    void rejectsAccessorIndicesOutOfRange() {
        ConfusionMatrix m = ConfusionMatrix.of(GOLD, PREDICTED, 3);
        assertThrows(IllegalArgumentException.class, () -> m.count(3, 0));
        assertThrows(IllegalArgumentException.class, () -> m.rowSum(-1));
        assertThrows(IllegalArgumentException.class, () -> m.columnSum(3));
    }
}

package io.github.bertdistill.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AgreementTest {
    @Test
    void countsPositionsWithTheSameClass() {
        // a 0 1 2 1 0
        // b 0 2 2 1 1  -> equal at positions 0, 2, 3: 3/5
        assertEquals(0.6, Agreement.rate(new int[] {0, 1, 2, 1, 0}, new int[] {0, 2, 2, 1, 1}));
    }

    @Test
    void identicalAndDisjointPredictions() {
        int[] a = {1, 0, 1};
        assertEquals(1.0, Agreement.rate(a, a.clone()));
        assertEquals(0.0, Agreement.rate(a, new int[] {0, 1, 0}));
    }

    @Test
    void isSymmetric() {
        int[] a = {0, 1, 1, 0};
        int[] b = {0, 0, 1, 1};
        assertEquals(0.5, Agreement.rate(a, b));
        assertEquals(0.5, Agreement.rate(b, a));
    }

    @Test
    void rejectsLengthMismatchAndEmptyInput() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Agreement.rate(new int[] {0}, new int[] {0, 1}));
        assertEquals("a has 1 entries but b has 2", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Agreement.rate(new int[0], new int[0]));
    }
}

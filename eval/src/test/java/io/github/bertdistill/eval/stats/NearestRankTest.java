package io.github.bertdistill.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NearestRankTest {

    @Test
    void picksTheValueAtRankCeilingOfPTimesN() {
        double[] sorted = {15, 20, 35, 40, 50};
        // Hand-computed: p30 -> rank ceil(1.5) = 2, p40 -> rank 2, p50 -> rank ceil(2.5) = 3.
        assertEquals(20, NearestRank.ofSorted(sorted, 30));
        assertEquals(20, NearestRank.ofSorted(sorted, 40));
        assertEquals(35, NearestRank.ofSorted(sorted, 50));
        assertEquals(50, NearestRank.ofSorted(sorted, 100));
        assertEquals(15, NearestRank.ofSorted(sorted, 0));
    }

    @Test
    void ofOneHundredValuesP99IsThe99thSmallest() {
        double[] sorted = new double[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertEquals(99, NearestRank.ofSorted(sorted, 99));
        assertEquals(50, NearestRank.ofSorted(sorted, 50));
    }

    @Test
    void rejectsEmptyInputAndBadPercentiles() {
        assertThrows(IllegalArgumentException.class, () -> NearestRank.ofSorted(new double[0], 50));
        assertThrows(
                IllegalArgumentException.class, () -> NearestRank.ofSorted(new double[] {1}, 101));
    }
}

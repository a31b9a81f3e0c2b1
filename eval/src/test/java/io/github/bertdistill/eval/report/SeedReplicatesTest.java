package io.github.bertdistill.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedReplicatesTest {
    private static final List<Long> SEEDS = List.of(42L, 43L, 44L, 45L, 46L);

    private static SeedReplicates of(String role, double... accuracies) {
        List<Double> values = Arrays.stream(accuracies).boxed().toList();
        return new SeedReplicates(
                role, SEEDS.subList(0, values.size()), values, noDev(values.size()));
    }

    /** Dev accuracies of runs that logged none. */
    private static List<Double> noDev(int runs) {
        return Collections.nCopies(runs, Double.NaN);
    }

    @Test
    void meanSampleDeviationAndRange() {
        SeedReplicates r = of("student-hard", 0.80, 0.82, 0.84);
        assertEquals(0.82, r.mean(), 1e-12);
        assertEquals(0.02, r.standardDeviation(), 1e-12); // n − 1 in the denominator
        assertEquals(0.80, r.min(), 1e-12);
        assertEquals(0.84, r.max(), 1e-12);
        assertTrue(Double.isNaN(of("x", 0.8).standardDeviation()));
    }

    @Test
    void welchTestMatchesAReferenceImplementation() {
        SeedReplicates hard = of("student-hard", 0.8281, 0.8171, 0.8232, 0.8358, 0.8265);
        SeedReplicates kdAug = of("student-kd-aug", 0.8435, 0.8424, 0.8473, 0.8468, 0.8396);
        // scipy.stats.ttest_ind(kd_aug, hard, equal_var=False): t = 5.26, df = 5.66.
        assertEquals(0.0022696, kdAug.welchPValue(hard).orElseThrow(), 1e-6);
        assertEquals(
                kdAug.welchPValue(hard).orElseThrow(),
                hard.welchPValue(kdAug).orElseThrow(),
                1e-15);
    }

    @Test
    void welchTestNeedsTwoRunsAndSomeVariance() {
        assertTrue(of("a", 0.8).welchPValue(of("b", 0.8, 0.9)).isEmpty());
        assertTrue(of("a", 0.8, 0.8).welchPValue(of("b", 0.9, 0.9)).isEmpty());
        assertTrue(of("a", 0.8, 0.8).welchPValue(of("b", 0.9, 0.91)).isPresent());
    }

    @Test
    void devAccuraciesOfTheKeptCheckpointsAgainstTest() {
        SeedReplicates r =
                new SeedReplicates(
                        "student-kd-aug",
                        SEEDS.subList(0, 4),
                        List.of(0.82, 0.84, 0.83, 0.81),
                        List.of(0.84, 0.85, 0.86, 0.83));
        assertTrue(r.hasDev());
        assertEquals(0.845, r.devMean(), 1e-12);
        assertEquals(0.0129099, r.devStandardDeviation(), 1e-6);
        // numpy.corrcoef(dev, test)[0, 1]
        assertEquals(0.8, r.devTestCorrelation().orElseThrow(), 1e-9);
    }

    @Test
    void devStatisticsNeedEveryDevAccuracyAndSomeVariance() {
        SeedReplicates partial =
                new SeedReplicates(
                        "r",
                        SEEDS.subList(0, 3),
                        List.of(0.8, 0.9, 0.7),
                        List.of(0.8, Double.NaN, 0.7));
        assertFalse(partial.hasDev());
        assertTrue(Double.isNaN(partial.devMean()));
        assertTrue(partial.devTestCorrelation().isEmpty());
        assertFalse(of("r", 0.8, 0.9, 0.7).hasDev(), "test accuracies only");
        SeedReplicates flat =
                new SeedReplicates(
                        "r", SEEDS.subList(0, 3), List.of(0.8, 0.9, 0.7), List.of(0.8, 0.8, 0.8));
        assertTrue(flat.devTestCorrelation().isEmpty(), "dev does not vary");
        SeedReplicates two =
                new SeedReplicates("r", SEEDS.subList(0, 2), List.of(0.8, 0.9), List.of(0.7, 0.8));
        assertTrue(two.devTestCorrelation().isEmpty(), "two points always correlate");
    }

    @Test
    void seedsAndAccuraciesMustPair() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new SeedReplicates("r", List.of(1L, 2L), List.of(0.5), noDev(2)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SeedReplicates("r", List.of(), List.of(), List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SeedReplicates("r", List.of(1L), List.of(0.5), List.of(0.5, 0.6)));
    }
}

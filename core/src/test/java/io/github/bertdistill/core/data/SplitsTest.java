package io.github.bertdistill.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SplitsTest {
    /** 10 "a", 7 "b", 3 "c" and 5 unlabelled examples, grouped by class. */
    private static final TextDataset DATASET = dataset(Map.of("a", 10, "b", 7, "c", 3), 5);

    private static TextDataset dataset(Map<String, Integer> classSizes, int unlabelled) {
        List<TextExample> examples = new ArrayList<>();
        classSizes.keySet().stream()
                .sorted()
                .forEach(
                        label -> {
                            for (int i = 0; i < classSizes.get(label); i++) {
                                examples.add(
                                        TextExample.labelled(
                                                label + i, "text " + label + i, label));
                            }
                        });
        for (int i = 0; i < unlabelled; i++) {
            examples.add(TextExample.unlabelled("u" + i, "text u" + i));
        }
        return TextDataset.of("toy", examples);
    }

    private static List<String> ids(TextDataset dataset) {
        return dataset.examples().stream().map(TextExample::id).toList();
    }

    private static Map<Optional<String>, Long> countsByLabel(TextDataset dataset) {
        return dataset.examples().stream()
                .collect(Collectors.groupingBy(TextExample::label, Collectors.counting()));
    }

    @Test
    void shuffleIsDeterministicForASeed() {
        assertEquals(ids(Splits.shuffle(DATASET, 42)), ids(Splits.shuffle(DATASET, 42)));
    }

    @Test
    void shuffleOrderIsPinnedAcrossJvms() {
        // Random and Collections.shuffle are specified by Java SE, so this order never changes.
        // Checked against an independent re-implementation of both: new Random(7).nextInt(i) for
        // i = 5, 4, 3, 2 gives 1, 2, 0, 0, and the shuffle swaps positions (i - 1, nextInt(i)):
        // [a0 a1 a2 a3 a4] -> swap(4, 1) -> [a0 a4 a2 a3 a1] -> swap(3, 2) -> [a0 a4 a3 a2 a1]
        //                  -> swap(2, 0) -> [a3 a4 a0 a2 a1] -> swap(1, 0) -> [a4 a3 a0 a2 a1]
        TextDataset five = dataset(Map.of("a", 5), 0);
        assertEquals(List.of("a4", "a3", "a0", "a2", "a1"), ids(Splits.shuffle(five, 7)));
    }

    @Test
    void shuffleDependsOnTheSeed() {
        assertNotEquals(ids(Splits.shuffle(DATASET, 1)), ids(Splits.shuffle(DATASET, 2)));
    }

    @Test
    void shuffleKeepsTheExamplesAndTheName() {
        TextDataset shuffled = Splits.shuffle(DATASET, 3);
        assertEquals("toy", shuffled.name());
        assertNotEquals(ids(DATASET), ids(shuffled));
        assertEquals(Set.copyOf(DATASET.examples()), Set.copyOf(shuffled.examples()));
        assertEquals(DATASET.size(), shuffled.size());
    }

    @Test
    void stratifiedHoldsOutTheFractionOfEveryClass() {
        double fraction = 0.3;
        Split split = Splits.stratified(DATASET, fraction, 42);
        Map<Optional<String>, Long> all = countsByLabel(DATASET);
        Map<Optional<String>, Long> heldOut = countsByLabel(split.heldOut());
        Map<Optional<String>, Long> train = countsByLabel(split.train());
        for (Map.Entry<Optional<String>, Long> stratum : all.entrySet()) {
            long size = stratum.getValue();
            long held = heldOut.getOrDefault(stratum.getKey(), 0L);
            assertTrue(
                    Math.abs(held - fraction * size) <= 1,
                    stratum.getKey() + ": held out " + held + " of " + size);
            assertEquals(size - held, train.getOrDefault(stratum.getKey(), 0L));
        }
        // round(0.3·10) = 3, round(0.3·7) = round(2.1) = 2, round(0.3·3) = round(0.9) = 1,
        // round(0.3·5) = round(1.5) = 2 unlabelled
        assertEquals(3L, heldOut.get(Optional.of("a")));
        assertEquals(2L, heldOut.get(Optional.of("b")));
        assertEquals(1L, heldOut.get(Optional.of("c")));
        assertEquals(2L, heldOut.get(Optional.<String>empty()));
    }

    @Test
    void stratifiedPutsEveryExampleInExactlyOneSide() {
        Split split = Splits.stratified(DATASET, 0.25, 9);
        Set<String> train = new HashSet<>(ids(split.train()));
        Set<String> heldOut = new HashSet<>(ids(split.heldOut()));
        assertEquals(split.train().size(), train.size());
        assertEquals(split.heldOut().size(), heldOut.size());
        assertTrue(train.stream().noneMatch(heldOut::contains), "sides overlap");
        Set<String> union = new HashSet<>(train);
        union.addAll(heldOut);
        assertEquals(Set.copyOf(ids(DATASET)), union);
        Map<String, TextExample> original =
                DATASET.examples().stream()
                        .collect(Collectors.toMap(TextExample::id, Function.identity()));
        split.train().forEach(e -> assertEquals(original.get(e.id()), e));
        split.heldOut().forEach(e -> assertEquals(original.get(e.id()), e));
    }

    @Test
    void stratifiedIsDeterministicForASeed() {
        Split first = Splits.stratified(DATASET, 0.3, 42);
        Split second = Splits.stratified(DATASET, 0.3, 42);
        assertEquals(ids(first.train()), ids(second.train()));
        assertEquals(ids(first.heldOut()), ids(second.heldOut()));
    }

    @Test
    void stratifiedDependsOnTheSeed() {
        Split first = Splits.stratified(DATASET, 0.3, 1);
        Split second = Splits.stratified(DATASET, 0.3, 2);
        assertNotEquals(ids(first.heldOut()), ids(second.heldOut()));
    }

    @Test
    void stratifiedNamesTheSides() {
        Split split = Splits.stratified(DATASET, 0.5, 0);
        assertEquals("toy/train", split.train().name());
        assertEquals("toy/held-out", split.heldOut().name());
    }

    @Test
    void stratifiedSplitsAnUnlabelledDataset() {
        // round(0.2·10) = 2 held out, 8 kept.
        Split split = Splits.stratified(dataset(Map.of(), 10), 0.2, 5);
        assertEquals(2, split.heldOut().size());
        assertEquals(8, split.train().size());
    }

    @Test
    void stratifiedSplitsAnEmptyDatasetIntoEmptySides() {
        Split split = Splits.stratified(dataset(Map.of(), 0), 0.2, 5);
        assertEquals(0, split.train().size());
        assertEquals(0, split.heldOut().size());
    }

    @Test
    void stratifiedRejectsFractionsOutsideTheOpenUnitInterval() {
        for (double fraction : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> Splits.stratified(DATASET, fraction, 0));
            assertEquals(
                    "held-out fraction must be strictly between 0 and 1, got " + fraction,
                    e.getMessage());
        }
    }
}

package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {
    private static final int[] LENGTHS = new Random(5).ints(1000, 1, 200).toArray();

    @Test
    void everyExampleAppearsOnceAnEpoch() {
        BatchPlanner planner = new BatchPlanner(LENGTHS, 32, 10, 1);
        List<List<Integer>> batches = planner.epoch(0);

        assertEquals(32, planner.batchesPerEpoch());
        assertEquals(32, batches.size());
        List<Integer> seen =
                batches.stream().flatMap(List::stream).sorted().collect(Collectors.toList());
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < LENGTHS.length; i++) {
            all.add(i);
        }
        assertEquals(all, seen);
    }

    @Test
    void anEpochIsAFunctionOfSeedAndEpoch() {
        BatchPlanner planner = new BatchPlanner(LENGTHS, 32, 10, 1);
        assertEquals(planner.epoch(3), new BatchPlanner(LENGTHS, 32, 10, 1).epoch(3));
        assertNotEquals(planner.epoch(3), planner.epoch(4));
        assertNotEquals(planner.epoch(3), new BatchPlanner(LENGTHS, 32, 10, 2).epoch(3));
    }

    @Test
    void bucketingGroupsTextsOfSimilarLength() {
        assertTrue(meanSpread(new BatchPlanner(LENGTHS, 32, 10, 1)) < 30);
        assertTrue(meanSpread(new BatchPlanner(LENGTHS, 32, 1, 1)) > 150);
    }

    /** Mean over batches of (longest − shortest) length. */
    private static double meanSpread(BatchPlanner planner) {
        return planner.epoch(0).stream()
                .mapToInt(
                        batch -> {
                            int max = batch.stream().mapToInt(i -> LENGTHS[i]).max().orElseThrow();
                            int min = batch.stream().mapToInt(i -> LENGTHS[i]).min().orElseThrow();
                            return max - min;
                        })
                .average()
                .orElseThrow();
    }
}

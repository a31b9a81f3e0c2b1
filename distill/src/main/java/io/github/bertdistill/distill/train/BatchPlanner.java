package io.github.bertdistill.distill.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Length-bucketed batches for one epoch, a pure function of (seed, epoch): the examples are
 * shuffled, taken {@code bucketBatches × batchSize} at a time, sorted by token length within that
 * pool and cut into batches, and the batches of the epoch are shuffled again. Texts of similar
 * length share a batch (less padding) while the order stays random, and a resumed run replays
 * exactly the same batches.
 */
final class BatchPlanner {
    private final int[] lengths;
    private final int batchSize;
    private final int bucketBatches;
    private final long seed;

    /**
     * @param lengths the token length of every example, by index
     */
    BatchPlanner(int[] lengths, int batchSize, int bucketBatches, long seed) {
        this.lengths = lengths.clone();
        this.batchSize = batchSize;
        this.bucketBatches = bucketBatches;
        this.seed = seed;
    }

    /** Batches per epoch, {@code ⌈n / batchSize⌉}. */
    int batchesPerEpoch() {
        return (lengths.length + batchSize - 1) / batchSize;
    }

    /** The batches of epoch {@code epoch} (0-based), as example indices. */
    List<List<Integer>> epoch(int epoch) {
        Random random = new Random(Seeds.mix(seed, epoch));
        List<Integer> order = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int pool = batchSize * bucketBatches;
        List<List<Integer>> batches = new ArrayList<>(batchesPerEpoch());
        for (int start = 0; start < order.size(); start += pool) {
            List<Integer> bucket =
                    new ArrayList<>(order.subList(start, Math.min(order.size(), start + pool)));
            bucket.sort(Comparator.comparingInt(i -> lengths[i]));
            for (int from = 0; from < bucket.size(); from += batchSize) {
                batches.add(
                        List.copyOf(
                                bucket.subList(from, Math.min(bucket.size(), from + batchSize))));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }
}

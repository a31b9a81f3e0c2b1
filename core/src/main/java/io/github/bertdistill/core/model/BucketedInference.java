package io.github.bertdistill.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.github.bertdistill.core.engine.NativeWork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Dynamic padding with length-bucketed batches: classifies a window of texts in batches of similar
 * token length and returns the logits in the window's order.
 *
 * <p>A batch is padded to its longest text, so a short text batched with a long one costs as much
 * as the long one (more, for a transformer, whose attention grows with the square of the length).
 * For a {@link EncodingClassifier} the window is therefore encoded once with its {@link
 * EncodingClassifier#encoder() encoder}, sorted by token count (stably: equal lengths keep their
 * order) and cut into consecutive batches of at most {@code batchSize} texts whose padded size
 * (texts × longest, at least the encoder's {@link TextEncoder#minBatchLength()}) stays within the
 * token budget; each batch goes to {@link EncodingClassifier#logits(EncodedBatch)} and its rows are
 * put back where their texts were. A classifier that does not expose its encoder (any other {@link
 * TextClassifier}) is called on consecutive slices of {@code batchSize} texts, in order.
 *
 * <p>Padding is masked, so the logits equal those of batches in window order up to the rounding of
 * differently shaped kernels. The larger the window, the closer the lengths within a batch; callers
 * choose it (a chunk of the logit cache, the lines a stream has ready).
 */
public final class BucketedInference {
    private final TextClassifier classifier;
    private final int batchSize;
    private final long tokenBudget;

    /**
     * @param classifier the model; length-bucketed if it is a {@link EncodingClassifier}
     * @param batchSize the most texts per call (> 0)
     * @param tokenBudget the most padded tokens per call (> 0; a single text always fits), {@link
     *     Long#MAX_VALUE} for no limit
     */
    public BucketedInference(TextClassifier classifier, int batchSize, long tokenBudget) {
        checkArgument(batchSize > 0, "batch size must be positive, got %s", batchSize);
        checkArgument(tokenBudget > 0, "token budget must be positive, got %s", tokenBudget);
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.batchSize = batchSize;
        this.tokenBudget = tokenBudget;
    }

    /** Batches of at most {@code batchSize} texts and no token budget. */
    public BucketedInference(TextClassifier classifier, int batchSize) {
        this(classifier, batchSize, Long.MAX_VALUE);
    }

    /** Told of each batch as soon as it is classified. */
    @FunctionalInterface
    public interface BatchListener {
        /**
         * @param positions the positions in the window of the batch's texts
         * @param logits their rows, in the same order
         */
        void batchDone(int[] positions, float[][] logits);

        /**
         * Told, before any batch, how a window was encoded, when the classifier is an {@link
         * EncodingClassifier}: how many of its texts the encoder cut to its maximum length.
         */
        default void windowEncoded(int texts, int truncated) {}
    }

    /** The classifier. */
    public TextClassifier classifier() {
        return classifier;
    }

    /**
     * The logits of {@code texts}, one row per text in their order.
     *
     * @param listener told of each batch as soon as it is classified
     * @throws IllegalStateException if the classifier returns another number of rows than texts
     */
    public float[][] logits(List<String> texts, BatchListener listener) {
        float[][] rows = new float[texts.size()][];
        if (classifier instanceof EncodingClassifier encoding) {
            bucketed(encoding, texts, rows, listener);
        } else {
            for (int start = 0; start < texts.size(); start += batchSize) {
                int[] positions =
                        IntStream.range(start, Math.min(texts.size(), start + batchSize)).toArray();
                List<String> batch = texts.subList(start, start + positions.length);
                deliver(positions, NativeWork.run(() -> classifier.logits(batch)), rows, listener);
            }
        }
        return rows;
    }

    /** {@link #logits(List, BatchListener)} without a listener. */
    public float[][] logits(List<String> texts) {
        return logits(texts, (positions, logits) -> {});
    }

    private void bucketed(
            EncodingClassifier encoding,
            List<String> texts,
            float[][] rows,
            BatchListener listener) {
        TextEncoder encoder = encoding.encoder();
        List<EncodedText> encoded = texts.stream().map(encoder::encode).toList();
        listener.windowEncoded(
                encoded.size(), (int) encoded.stream().filter(EncodedText::truncated).count());
        int[] order =
                IntStream.range(0, texts.size())
                        .boxed()
                        .sorted(Comparator.comparingInt(i -> encoded.get(i).length()))
                        .mapToInt(Integer::intValue)
                        .toArray();
        int minLength = Math.max(1, encoder.minBatchLength());
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            while (end < order.length
                    && end - start < batchSize
                    && fits(end - start + 1, encoded.get(order[end]).length(), minLength)) {
                end++;
            }
            int[] positions = Arrays.copyOfRange(order, start, end);
            List<EncodedText> batch = new ArrayList<>(positions.length);
            for (int position : positions) {
                batch.add(encoded.get(position));
            }
            EncodedBatch padded = EncodedBatch.pad(batch, encoder.padId(), minLength);
            deliver(positions, NativeWork.run(() -> encoding.logits(padded)), rows, listener);
            start = end;
        }
    }

    private static void deliver(
            int[] positions, float[][] logits, float[][] rows, BatchListener listener) {
        checkState(
                logits.length == positions.length,
                "the classifier returned %s rows of logits for %s texts",
                logits.length,
                positions.length);
        for (int k = 0; k < positions.length; k++) {
            rows[positions[k]] = logits[k];
        }
        listener.batchDone(positions, logits);
    }

    /** Whether {@code size} texts padded to {@code longest} tokens stay within the budget. */
    private boolean fits(int size, int longest, int minLength) {
        return (long) size * Math.max(longest, minLength) <= tokenBudget;
    }
}

package io.github.bertdistill.teacher.inference;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.EncodedText;
import io.github.bertdistill.core.model.TrainableClassifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Fast teacher inference for soft-target generation: texts are encoded once, sorted by length and
 * cut into batches of similar lengths, so little is spent on padding; each batch is padded only to
 * its own longest text and run without gradients in a sub-manager closed right after, so native
 * memory stays bounded by one batch. A batch holds at most {@code batchSize} texts and at most
 * {@code maxTokens} padded tokens (a batch of long texts is smaller), which makes peak memory
 * predictable. Logits come back in the order of the input.
 */
public final class SoftTargetPredictor {
    private final TrainableClassifier classifier;
    private final NDManager manager;
    private final int batchSize;
    private final int maxTokens;

    private SoftTargetPredictor(Builder builder) {
        this.classifier = Objects.requireNonNull(builder.classifier, "classifier");
        this.manager = Objects.requireNonNull(builder.manager, "manager");
        if (builder.batchSize < 1 || builder.maxTokens < 1) {
            throw new IllegalArgumentException("batch size and token budget must be ≥ 1");
        }
        this.batchSize = builder.batchSize;
        this.maxTokens = builder.maxTokens;
    }

    /** A builder; the classifier and a manager are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The logits of {@code texts} and how many were truncated. */
    public SoftTargets predict(List<String> texts) {
        List<EncodedText> encoded = new ArrayList<>(texts.size());
        int truncated = 0;
        for (String text : texts) {
            EncodedText e = classifier.encoder().encode(text);
            truncated += e.truncated() ? 1 : 0;
            encoded.add(e);
        }
        Integer[] order =
                IntStream.range(0, texts.size())
                        .boxed()
                        .sorted(Comparator.comparingInt(i -> encoded.get(i).length()))
                        .toArray(Integer[]::new);
        float[][] logits = new float[texts.size()][];
        int start = 0;
        while (start < order.length) {
            int end = batchEnd(order, encoded, start);
            List<EncodedText> batch = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                batch.add(encoded.get(order[i]));
            }
            float[][] rows = run(batch);
            for (int i = start; i < end; i++) {
                logits[order[i]] = rows[i - start];
            }
            start = end;
        }
        return new SoftTargets(logits, truncated);
    }

    /** The end of the batch starting at {@code start}: lengths grow, so the last is the longest. */
    private int batchEnd(Integer[] order, List<EncodedText> encoded, int start) {
        int end = start + 1;
        while (end < order.length
                && end - start < batchSize
                && (long) (end - start + 1) * encoded.get(order[end]).length() <= maxTokens) {
            end++;
        }
        return end;
    }

    private float[][] run(List<EncodedText> texts) {
        EncodedBatch batch =
                EncodedBatch.pad(
                        texts, classifier.encoder().padId(), classifier.encoder().minBatchLength());
        try (NDManager step = manager.newSubManager()) {
            float[] flat =
                    classifier
                            .block()
                            .forward(new ParameterStore(step, false), batch.toNDList(step), false)
                            .head()
                            .toFloatArray();
            int classes = flat.length / batch.size();
            float[][] rows = new float[batch.size()][classes];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * classes, rows[i], 0, classes);
            }
            return rows;
        }
    }

    /**
     * Logits in input order, with the number of texts that were truncated to the encoder's maximum
     * length.
     *
     * @param logits one row of raw logits per text
     * @param truncated how many texts were cut
     */
    public record SoftTargets(float[][] logits, int truncated) {}

    /** Builds a {@link SoftTargetPredictor}. */
    public static final class Builder {
        private TrainableClassifier classifier;
        private NDManager manager;
        private int batchSize = 32;
        private int maxTokens = 32 * 128;

        private Builder() {}

        /** The teacher (required). */
        public Builder setClassifier(TrainableClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** The manager under which per-batch sub-managers are opened (required). */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** Most texts per batch; default 32. */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Most padded tokens per batch (texts × length); default 4096. */
        public Builder optMaxTokens(int maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        /** The predictor. */
        public SoftTargetPredictor build() {
            return new SoftTargetPredictor(this);
        }
    }
}

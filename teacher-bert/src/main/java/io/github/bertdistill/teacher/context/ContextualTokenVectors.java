package io.github.bertdistill.teacher.context;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.bertdistill.core.engine.InferenceScope;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.EncodedText;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Static token vectors pooled from a BERT teacher's contextual states (Bommasani et al. 2020,
 * "Interpreting Pretrained Contextualized Representations via Reductions to Static Embeddings"):
 * the vector of token {@code t} is the mean of the encoder's hidden state after layer {@code l}
 * over every occurrence of {@code t} in a corpus,
 *
 * <pre>v_t = (1 / |O_t|) · Σ_{(s, i) ∈ O_t} h_l(s)_i</pre>
 *
 * where {@code O_t} are the positions {@code i} of texts {@code s} that hold {@code t}. The first
 * and last position of each text ({@code [CLS]} and {@code [SEP]}) and padding are left out. With a
 * fine-tuned teacher these vectors carry what it learned about each token in the task's own
 * contexts, which the input embedding matrix does not: a student can start its embeddings from
 * them.
 *
 * <pre>{@code
 * ContextualTokenVectors vectors =
 *         ContextualTokenVectors.builder().setTeacher(teacher).build().pool(texts);
 * }</pre>
 *
 * Each batch's arrays live in a step-scoped manager; only the sums stay on the heap.
 */
public final class ContextualTokenVectors {
    private final BertClassifier teacher;
    private final int batchSize;
    private final int layer;

    private ContextualTokenVectors(Builder builder) {
        this.teacher = builder.teacher;
        this.batchSize = builder.batchSize;
        int layers = teacher.config().numHiddenLayers();
        this.layer = builder.layer < 0 ? layers : builder.layer;
        checkArgument(
                layer <= layers,
                "layer %s is not in [0, %s] (the teacher's layers)",
                layer,
                layers);
    }

    /** A builder; the teacher is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The pooled vectors: one per distinct token of {@code texts} (texts visited shortest first).
     */
    public TokenVectors pool(List<String> texts) {
        BertTokenizer tokenizer = teacher.tokenizer();
        int hidden = teacher.config().hiddenSize();
        Map<String, StateSum> sums = new LinkedHashMap<>();
        // Texts of similar length share a batch, so little of each forward is padding.
        List<String> shortestFirst = new ArrayList<>(texts);
        shortestFirst.sort(Comparator.comparingInt(String::length));
        for (int from = 0; from < shortestFirst.size(); from += batchSize) {
            List<EncodedText> encoded = new ArrayList<>();
            List<String[]> tokens = new ArrayList<>();
            for (String text :
                    shortestFirst.subList(from, Math.min(shortestFirst.size(), from + batchSize))) {
                encoded.add(tokenizer.encode(text));
                tokens.add(tokenizer.tokens(text));
            }
            EncodedBatch batch = EncodedBatch.pad(encoded, tokenizer.padId(), 1);
            float[] states = hiddenStates(batch);
            int length = batch.length();
            for (int row = 0; row < encoded.size(); row++) {
                // Positions 1 .. n−2 hold the text's own tokens; truncation keeps a prefix of them.
                int n = encoded.get(row).length();
                String[] rowTokens = tokens.get(row);
                for (int position = 1; position < n - 1; position++) {
                    StateSum sum =
                            sums.computeIfAbsent(rowTokens[position], t -> new StateSum(hidden));
                    sum.add(states, (row * length + position) * hidden);
                }
            }
        }
        List<String> names = new ArrayList<>(sums.keySet());
        float[] values = new float[names.size() * hidden];
        int[] occurrences = new int[names.size()];
        for (int t = 0; t < names.size(); t++) {
            StateSum sum = sums.get(names.get(t));
            occurrences[t] = sum.count;
            for (int h = 0; h < hidden; h++) {
                values[t * hidden + h] = (float) (sum.values[h] / sum.count);
            }
        }
        return new TokenVectors(names, values, hidden, occurrences);
    }

    /** The running sum of one token's states, and how many were added. */
    private static final class StateSum {
        private final double[] values;
        private int count;

        StateSum(int hidden) {
            this.values = new double[hidden];
        }

        /** Adds the {@code values.length} states that start at {@code offset} of {@code states}. */
        void add(float[] states, int offset) {
            for (int h = 0; h < values.length; h++) {
                values[h] += states[offset + h];
            }
            count++;
        }
    }

    /** The states after {@link #layer} for {@code batch}, row-major {@code [size, length, H]}. */
    private float[] hiddenStates(EncodedBatch batch) {
        try (NDManager step = teacher.manager().newSubManager();
                InferenceScope noGraph = InferenceScope.enter()) {
            NDList input = batch.toNDList(step);
            return teacher.bertBlock()
                    .bert()
                    .statesAfterLayer(new ParameterStore(step, false), input, layer)
                    .toFloatArray();
        }
    }

    /**
     * Vectors by token.
     *
     * @param tokens the tokens, in the order the pooling met them
     * @param values the {@code [tokens.size(), dimension]} means, row-major
     * @param dimension the teacher's hidden width
     * @param occurrences how many positions each mean is taken over
     */
    public record TokenVectors(
            List<String> tokens, float[] values, int dimension, int[] occurrences) {
        /** The vector of row {@code row} (a copy). */
        public float[] vector(int row) {
            float[] vector = new float[dimension];
            System.arraycopy(values, row * dimension, vector, 0, dimension);
            return vector;
        }
    }

    /** Builds a {@link ContextualTokenVectors}. */
    public static final class Builder {
        private BertClassifier teacher;
        private int batchSize = 32;
        private int layer = -1;

        private Builder() {}

        /**
         * The layer whose states are pooled: 0 for the embeddings, up to the teacher's number of
         * layers (the default, its output).
         */
        public Builder optLayer(int layer) {
            checkArgument(layer >= 0, "layer must be >= 0, got %s", layer);
            this.layer = layer;
            return this;
        }

        /** The fine-tuned teacher whose last hidden layer is pooled. */
        public Builder setTeacher(BertClassifier teacher) {
            this.teacher = Objects.requireNonNull(teacher, "teacher");
            return this;
        }

        /** Texts per forward (default 32). */
        public Builder optBatchSize(int batchSize) {
            checkArgument(batchSize >= 1, "batchSize must be >= 1, got %s", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** The pooling. */
        public ContextualTokenVectors build() {
            Objects.requireNonNull(teacher, "setTeacher is required");
            return new ContextualTokenVectors(this);
        }
    }
}

package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.github.bertdistill.teacher.config.BertConfig;
import java.util.Objects;

/**
 * A BERT encoder numerically equal to Hugging Face's {@code BertModel}: {@link BertEmbeddings},
 * then {@link BertEncoder}, then optionally the {@link BertPooler}. Every parameter is reachable by
 * its HF name through {@link #hfParameters()} ({@code embeddings.word_embeddings.weight}, {@code
 * encoder.layer.0.attention.self.query.weight}, …, {@code pooler.dense.bias}).
 *
 * <p>Input {@code [tokenIds, attentionMask, tokenTypeIds]}, int64 {@code [batch, length]} of any
 * length up to {@code max_position_embeddings} (token types may be left out: all zero). Output
 * {@code [lastHiddenState]} ({@code [batch, length, hidden]}), plus {@code pooled} ({@code [batch,
 * hidden]}) when the model has a pooler. Padding positions (mask 0) receive no attention, so the
 * states of real tokens do not depend on how much padding a batch has.
 *
 * <p>New weights are drawn from {@code N(0, initializer_range²)}; LayerNorm starts at weight 1,
 * bias 0 — as Hugging Face initialises them.
 */
public final class BertModel extends HfBlock {
    private final BertConfig config;
    private final BertEmbeddings embeddings;
    private final BertEncoder encoder;
    private final BertPooler pooler;

    private BertModel(Builder builder) {
        this.config = Objects.requireNonNull(builder.config, "config");
        embeddings = addHfChild("embeddings", new BertEmbeddings(config));
        encoder = addHfChild("encoder", new BertEncoder(config));
        pooler = builder.pooler ? addHfChild("pooler", new BertPooler(config)) : null;
        setInitializer(new NormalInitializer(config.initializerRange()), Parameter.Type.WEIGHT);
    }

    /** A builder; {@link Builder#setConfig} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The architecture. */
    public BertConfig config() {
        return config;
    }

    /** Whether the model ends with a pooler (and returns {@code pooled}). */
    public boolean hasPooler() {
        return pooler != null;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray mask = inputs.get(1);
        NDArray embedded = embed(store, inputs, training);
        NDArray hidden = encoder.forward(store, new NDList(embedded, mask), training).head();
        if (pooler == null) {
            return new NDList(hidden);
        }
        return new NDList(hidden, pooler.forward(store, new NDList(hidden), training).head());
    }

    /**
     * The token states after layer {@code layer} ({@code 0}: the embeddings; {@code
     * num_hidden_layers}: the encoder's output), without training, for the inputs of {@link
     * #forward}: {@code [batch, length, hidden]}.
     *
     * @throws IllegalArgumentException if {@code layer} is not in {@code [0, num_hidden_layers]}
     */
    public NDArray statesAfterLayer(ParameterStore store, NDList inputs, int layer) {
        return encoder.statesAfter(store, embed(store, inputs, false), inputs.get(1), layer);
    }

    /** The embeddings of {@code [tokenIds, attentionMask, tokenTypeIds?]}. */
    private NDArray embed(ParameterStore store, NDList inputs, boolean training) {
        NDArray ids = inputs.get(0);
        NDArray types = inputs.size() > 2 ? inputs.get(2) : ids.zerosLike();
        return embeddings.forward(store, new NDList(ids, types), training).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        Shape hidden = ids.add(config.hiddenSize());
        return pooler == null
                ? new Shape[] {hidden}
                : new Shape[] {hidden, new Shape(ids.get(0), config.hiddenSize())};
    }

    /** Builds a {@link BertModel}. */
    public static final class Builder {
        private BertConfig config;
        private boolean pooler;

        private Builder() {}

        /** The architecture (required). */
        public Builder setConfig(BertConfig config) {
            this.config = config;
            return this;
        }

        /** Whether to end with a pooler; default {@code false}. */
        public Builder optPooler(boolean pooler) {
            this.pooler = pooler;
            return this;
        }

        /** The model, not yet initialised. */
        public BertModel build() {
            return new BertModel(this);
        }
    }
}

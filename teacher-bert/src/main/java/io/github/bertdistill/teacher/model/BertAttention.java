package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.github.bertdistill.teacher.config.BertConfig;

/**
 * BERT's multi-head self-attention with its output sub-layer (Hugging Face's {@code
 * BertAttention}):
 *
 * <pre>
 * A = softmax((Q/√d) Kᵀ + mask) V      (per head, Q = x W_q + b_q, …, d = hidden / heads)
 * y = LayerNorm(x + dropout(A W_o + b_o))
 * </pre>
 *
 * with separate {@code self.query}, {@code self.key} and {@code self.value} projections. The mask
 * is additive (see {@link BatchConstants}): padding gets exactly zero attention weight. The heads
 * are strided views of the projections ({@code K} is laid out as {@code Kᵀ} directly), so the only
 * copy is the one that joins the heads again.
 */
public final class BertAttention extends EncoderPart {
    private final BertConfig config;
    private final Dense query;
    private final Dense key;
    private final Dense valueProjection;
    private final Dense output;
    private final BertLayerNorm norm;

    /** The attention sub-layer of a BERT of architecture {@code config}. */
    public BertAttention(BertConfig config) {
        super(config);
        this.config = config;
        long hidden = config.hiddenSize();
        query = addHfChild("self.query", new Dense(hidden, hidden));
        key = addHfChild("self.key", new Dense(hidden, hidden));
        valueProjection = addHfChild("self.value", new Dense(hidden, hidden));
        output = addHfChild("output.dense", new Dense(hidden, hidden));
        norm = addHfChild("output.LayerNorm", new BertLayerNorm(hidden, config.layerNormEps()));
    }

    @Override
    NDArray encode(ParameterStore store, NDArray x, BatchConstants constants, boolean training) {
        long batch = constants.batch();
        long length = constants.length();
        int heads = config.numAttentionHeads();
        long size = config.headSize();
        NDArray q =
                query.apply(store, x, training)
                        .mul(constants.scale())
                        .reshape(batch, length, heads, size)
                        .transpose(0, 2, 1, 3);
        NDArray kT =
                key.apply(store, x, training)
                        .reshape(batch, length, heads, size)
                        .transpose(0, 2, 3, 1);
        NDArray v =
                valueProjection
                        .apply(store, x, training)
                        .reshape(batch, length, heads, size)
                        .transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(kT);
        if (constants.additiveMask() != null) {
            scores = scores.add(constants.additiveMask());
        }
        NDArray weights = dropout(scores.softmax(-1), config.attentionProbsDropoutProb(), training);
        NDArray context =
                weights.matMul(v)
                        .transpose(0, 2, 1, 3)
                        .reshape(constants.tokens(), config.hiddenSize());
        NDArray projected =
                dropout(
                        output.apply(store, context, training),
                        config.hiddenDropoutProb(),
                        training);
        return norm.forward(store, new NDList(projected.add(x)), training).head();
    }
}

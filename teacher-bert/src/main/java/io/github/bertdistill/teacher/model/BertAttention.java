package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.bertdistill.core.model.Scalars;
import io.github.bertdistill.teacher.config.BertConfig;

/**
 * BERT's multi-head self-attention with its output sub-layer (Hugging Face's {@code
 * BertAttention}):
 *
 * <pre>
 * A = softmax(Q Kᵀ / √d + mask) V      (per head, Q = x W_q + b_q, …, d = hidden / heads)
 * y = LayerNorm(x + dropout(A W_o + b_o))
 * </pre>
 *
 * with separate {@code self.query}, {@code self.key} and {@code self.value} projections. The mask
 * is additive, {@code [batch, 1, 1, length]}: 0 on real tokens and the most negative float on
 * padding, so padding gets exactly zero attention weight.
 *
 * <p>Input {@code [hidden, additiveMask]}; output {@code [hidden]}.
 */
public final class BertAttention extends HfBlock {
    private final BertConfig config;
    private final Dense query;
    private final Dense key;
    private final Dense valueProjection;
    private final Dense output;
    private final BertLayerNorm norm;

    /** The attention sub-layer of a BERT of architecture {@code config}. */
    public BertAttention(BertConfig config) {
        this.config = config;
        long hidden = config.hiddenSize();
        query = addHfChild("self.query", new Dense(hidden, hidden));
        key = addHfChild("self.key", new Dense(hidden, hidden));
        valueProjection = addHfChild("self.value", new Dense(hidden, hidden));
        output = addHfChild("output.dense", new Dense(hidden, hidden));
        norm = addHfChild("output.LayerNorm", new BertLayerNorm(hidden, config.layerNormEps()));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.get(1);
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        NDArray q = heads(query.forward(store, new NDList(x), training).head(), batch, length);
        NDArray k = heads(key.forward(store, new NDList(x), training).head(), batch, length);
        NDArray v =
                heads(
                        valueProjection.forward(store, new NDList(x), training).head(),
                        batch,
                        length);
        NDArray scores =
                q.matMul(k.transpose(0, 1, 3, 2))
                        .div(Scalars.of(q, Math.sqrt(config.headSize())))
                        .add(mask);
        NDArray weights =
                Dropout.dropout(scores.softmax(-1), config.attentionProbsDropoutProb(), training)
                        .head();
        NDArray context =
                weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, config.hiddenSize());
        NDArray projected = output.forward(store, new NDList(context), training).head();
        NDArray dropped = Dropout.dropout(projected, config.hiddenDropoutProb(), training).head();
        return norm.forward(store, new NDList(dropped.add(x)), training);
    }

    private NDArray heads(NDArray projection, long batch, long length) {
        return projection
                .reshape(batch, length, config.numAttentionHeads(), config.headSize())
                .transpose(0, 2, 1, 3);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

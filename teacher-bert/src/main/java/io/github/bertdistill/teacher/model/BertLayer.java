package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.bertdistill.teacher.config.BertConfig;

/**
 * One post-LayerNorm transformer layer of BERT (Hugging Face's {@code BertLayer}):
 *
 * <pre>
 * a = BertAttention(x, mask)
 * y = LayerNorm(a + dropout(gelu(a W_1 + b_1) W_2 + b_2))
 * </pre>
 *
 * where {@code gelu(x) = x · ½ (1 + erf(x / √2))} is the exact GELU (PyTorch's default, not the
 * tanh approximation). Input {@code [hidden, additiveMask]}; output {@code [hidden]}.
 */
public final class BertLayer extends HfBlock {
    private final float dropout;
    private final BertAttention attention;
    private final Dense intermediate;
    private final Dense output;
    private final BertLayerNorm norm;

    /** One layer of a BERT of architecture {@code config}. */
    public BertLayer(BertConfig config) {
        this.dropout = config.hiddenDropoutProb();
        long hidden = config.hiddenSize();
        long inner = config.intermediateSize();
        attention = addHfChild("attention", new BertAttention(config));
        intermediate = addHfChild("intermediate.dense", new Dense(hidden, inner));
        output = addHfChild("output.dense", new Dense(inner, hidden));
        norm = addHfChild("output.LayerNorm", new BertLayerNorm(hidden, config.layerNormEps()));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray attended = attention.forward(store, inputs, training).head();
        NDArray inner =
                Activation.gelu(intermediate.forward(store, new NDList(attended), training).head());
        NDArray projected = output.forward(store, new NDList(inner), training).head();
        NDArray dropped = Dropout.dropout(projected, dropout, training).head();
        return norm.forward(store, new NDList(dropped.add(attended)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
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
 * tanh approximation).
 */
public final class BertLayer extends EncoderPart {
    private final float dropout;
    private final BertAttention attention;
    private final Dense intermediate;
    private final Dense output;
    private final BertLayerNorm norm;

    /** One layer of a BERT of architecture {@code config}. */
    public BertLayer(BertConfig config) {
        super(config);
        this.dropout = config.hiddenDropoutProb();
        long hidden = config.hiddenSize();
        long inner = config.intermediateSize();
        attention = addHfChild("attention", new BertAttention(config));
        intermediate = addHfChild("intermediate.dense", new Dense(hidden, inner));
        output = addHfChild("output.dense", new Dense(inner, hidden));
        norm = addHfChild("output.LayerNorm", new BertLayerNorm(hidden, config.layerNormEps()));
    }

    @Override
    NDArray encode(ParameterStore store, NDArray x, BatchConstants constants, boolean training) {
        NDArray attended = attention.encode(store, x, constants, training);
        NDArray inner = Activation.gelu(intermediate.apply(store, attended, training));
        NDArray projected = dropout(output.apply(store, inner, training), dropout, training);
        return norm.forward(store, new NDList(projected.add(attended)), training).head();
    }
}

package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * LayerNorm over the last axis only, {@code y = (x − mean) / √(var + eps) · weight + bias}, as in
 * PyTorch's {@code nn.LayerNorm(hidden, eps)}. (DJL's {@code LayerNorm} block normalises over every
 * non-batch axis by default, which is not what BERT does.)
 */
public final class BertLayerNorm extends HfBlock {
    private final Shape normalizedShape;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    /** A LayerNorm over a last axis of size {@code size}. */
    public BertLayerNorm(long size, float eps) {
        this.normalizedShape = new Shape(size);
        this.eps = eps;
        weight = addHfParameter("weight", Parameter.Type.GAMMA, normalizedShape);
        bias = addHfParameter("bias", Parameter.Type.BETA, normalizedShape);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        return LayerNorm.layerNorm(
                x,
                normalizedShape,
                value(store, weight, x, training),
                value(store, bias, x, training),
                eps);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

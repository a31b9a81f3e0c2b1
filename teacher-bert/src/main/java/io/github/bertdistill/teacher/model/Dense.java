package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A PyTorch {@code nn.Linear}: {@code y = x Wᵀ + b} over the last axis, with {@code weight} of
 * shape {@code [out, in]} and {@code bias} of shape {@code [out]}, as Hugging Face stores them.
 */
public final class Dense extends HfBlock {
    private final long outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /** A dense layer from {@code inFeatures} to {@code outFeatures}. */
    public Dense(long inFeatures, long outFeatures) {
        this.outFeatures = outFeatures;
        weight =
                addHfParameter("weight", Parameter.Type.WEIGHT, new Shape(outFeatures, inFeatures));
        bias = addHfParameter("bias", Parameter.Type.BIAS, new Shape(outFeatures));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(store, inputs.head(), training));
    }

    /** {@code x Wᵀ + b}: one matrix product with the bias fused in when {@code x} is 2-d. */
    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        return Linear.linear(x, value(store, weight, x, training), value(store, bias, x, training))
                .head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outFeatures)};
    }
}

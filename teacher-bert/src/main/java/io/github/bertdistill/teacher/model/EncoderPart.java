package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.bertdistill.teacher.config.BertConfig;

/**
 * A part of the encoder that maps token states to token states of the same shape (the encoder, a
 * layer, the attention sub-layer). Inside the encoder the parts call {@link #encode} on flattened
 * states {@code [batch · length, hidden]} with the batch's {@link BatchConstants}, built once; as a
 * DJL block on its own a part takes {@code [hidden, attentionMask]} ({@code [batch, length,
 * hidden]} and {@code [batch, length]}) and returns {@code [hidden]}.
 */
abstract class EncoderPart extends HfBlock {
    private final BertConfig config;

    EncoderPart(BertConfig config) {
        this.config = config;
    }

    /** The architecture. */
    final BertConfig config() {
        return config;
    }

    /** The new states {@code [batch · length, hidden]} of flattened states {@code hidden}. */
    abstract NDArray encode(
            ParameterStore store, NDArray hidden, BatchConstants constants, boolean training);

    @Override
    protected final NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        BatchConstants constants = BatchConstants.of(hidden, inputs.get(1), config);
        NDArray flat = hidden.reshape(constants.tokens(), config.hiddenSize());
        return new NDList(encode(store, flat, constants, training).reshape(hidden.getShape()));
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

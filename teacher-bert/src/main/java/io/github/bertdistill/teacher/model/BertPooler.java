package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.bertdistill.teacher.config.BertConfig;

/**
 * BERT's pooler: {@code tanh(h[CLS] W + b)}, the representation of the first token trained by
 * next-sentence prediction. Input {@code [hidden]} ({@code [batch, length, hidden]}); output {@code
 * [batch, hidden]}.
 */
public final class BertPooler extends HfBlock {
    private final Dense dense;

    /** The pooler of a BERT of architecture {@code config}. */
    public BertPooler(BertConfig config) {
        dense = addHfChild("dense", new Dense(config.hiddenSize(), config.hiddenSize()));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray first = inputs.head().get(":, 0, :");
        return new NDList(dense.forward(store, new NDList(first), training).head().tanh());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(2))};
    }
}

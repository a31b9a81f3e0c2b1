package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.bertdistill.teacher.config.BertConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack of {@code num_hidden_layers} {@link BertLayer}s, named {@code layer.0 … layer.N−1}.
 * Input {@code [hidden, additiveMask]}; output {@code [hidden]}.
 */
public final class BertEncoder extends HfBlock {
    private final List<BertLayer> layers = new ArrayList<>();

    /** The encoder of a BERT of architecture {@code config}. */
    public BertEncoder(BertConfig config) {
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(addHfChild("layer." + i, new BertLayer(config)));
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray hidden = inputs.get(0);
        NDArray mask = inputs.get(1);
        for (BertLayer layer : layers) {
            hidden = layer.forward(store, new NDList(hidden, mask), training).head();
        }
        return new NDList(hidden);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}

package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.github.bertdistill.teacher.config.BertConfig;
import java.util.ArrayList;
import java.util.List;

/** The stack of {@code num_hidden_layers} {@link BertLayer}s, named {@code layer.0 … layer.N−1}. */
public final class BertEncoder extends EncoderPart {
    private final List<BertLayer> layers = new ArrayList<>();

    /** The encoder of a BERT of architecture {@code config}. */
    public BertEncoder(BertConfig config) {
        super(config);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            layers.add(addHfChild("layer." + i, new BertLayer(config)));
        }
    }

    @Override
    NDArray encode(
            ParameterStore store, NDArray hidden, BatchConstants constants, boolean training) {
        NDArray states = hidden;
        for (BertLayer layer : layers) {
            states = layer.encode(store, states, constants, training);
        }
        return states;
    }
}

package io.github.bertdistill.teacher.model;

import static com.google.common.base.Preconditions.checkArgument;

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
        return encodeFirst(layers.size(), store, hidden, constants, training);
    }

    /**
     * The states after the first {@code count} layers, without training: {@code [batch, length,
     * hidden]} from the embeddings {@code hidden} and the attention mask {@code [batch, length]};
     * {@code count = 0} gives {@code hidden} back.
     *
     * @throws IllegalArgumentException if {@code count} is not in {@code [0, num_hidden_layers]}
     */
    public NDArray statesAfter(ParameterStore store, NDArray hidden, NDArray mask, int count) {
        checkArgument(
                count >= 0 && count <= layers.size(),
                "layer %s is not in [0, %s]",
                count,
                layers.size());
        if (count == 0) {
            return hidden;
        }
        BatchConstants constants = BatchConstants.of(hidden, mask, config());
        NDArray flat = hidden.reshape(constants.tokens(), config().hiddenSize());
        return encodeFirst(count, store, flat, constants, false).reshape(hidden.getShape());
    }

    private NDArray encodeFirst(
            int count,
            ParameterStore store,
            NDArray hidden,
            BatchConstants constants,
            boolean training) {
        NDArray states = hidden;
        for (BertLayer layer : layers.subList(0, count)) {
            states = layer.encode(store, states, constants, training);
        }
        return states;
    }
}

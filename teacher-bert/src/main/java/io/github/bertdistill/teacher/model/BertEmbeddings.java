package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.bertdistill.teacher.config.BertConfig;

/**
 * BERT's input layer: {@code LayerNorm(word[token] + position[i] + tokenType[segment])}, then
 * dropout. Positions are absolute, {@code 0 … length − 1}, so a sequence may be at most {@code
 * max_position_embeddings} long.
 *
 * <p>Input {@code [tokenIds, tokenTypeIds]}, int64 {@code [batch, length]}; output {@code [batch,
 * length, hidden]}.
 */
public final class BertEmbeddings extends HfBlock {
    private final BertConfig config;
    private final Parameter word;
    private final Parameter position;
    private final Parameter tokenType;
    private final BertLayerNorm norm;

    /** The embeddings of a BERT of architecture {@code config}. */
    public BertEmbeddings(BertConfig config) {
        this.config = config;
        long hidden = config.hiddenSize();
        word =
                addHfParameter(
                        "word_embeddings.weight",
                        Parameter.Type.WEIGHT,
                        new Shape(config.vocabSize(), hidden));
        position =
                addHfParameter(
                        "position_embeddings.weight",
                        Parameter.Type.WEIGHT,
                        new Shape(config.maxPositionEmbeddings(), hidden));
        tokenType =
                addHfParameter(
                        "token_type_embeddings.weight",
                        Parameter.Type.WEIGHT,
                        new Shape(config.typeVocabSize(), hidden));
        norm = addHfChild("LayerNorm", new BertLayerNorm(hidden, config.layerNormEps()));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray types = inputs.get(1);
        long length = ids.getShape().get(1);
        if (length > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException(
                    "sequence of "
                            + length
                            + " tokens exceeds max_position_embeddings "
                            + config.maxPositionEmbeddings()
                            + "; truncate the input");
        }
        NDArray positions = ids.getManager().arange(0, length, 1, DataType.INT64);
        NDArray sum =
                lookup(ids, value(store, word, ids, training))
                        .add(lookup(positions, value(store, position, ids, training)))
                        .add(lookup(types, value(store, tokenType, ids, training)));
        NDArray normed = norm.forward(store, new NDList(sum), training).head();
        return new NDList(dropout(normed, config.hiddenDropoutProb(), training));
    }

    private static NDArray lookup(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hiddenSize())};
    }
}

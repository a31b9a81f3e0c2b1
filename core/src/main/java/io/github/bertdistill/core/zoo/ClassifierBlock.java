package io.github.bertdistill.core.zoo;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.bertdistill.core.engine.InferenceScope;
import io.github.bertdistill.core.model.TrainableClassifier;
import java.util.Objects;

/**
 * A loaded {@link TrainableClassifier} as the block of a DJL {@code Model}: what a {@link
 * ClassifierBlockFactory} gives DJL's model loader.
 *
 * <p>The input is the classifier's own encoded batch ({@code EncodedBatch.toNDList}: token ids,
 * attention mask, token type ids); the output is its raw logits, {@code [batch, labels]}. Forward
 * runs the classifier's block in inference mode inside an {@link InferenceScope}, whatever thread a
 * {@code Predictor} calls it from. The classifier owns the weights: this block has no parameters of
 * its own and is never trained.
 */
public final class ClassifierBlock extends AbstractBlock {
    private final TrainableClassifier classifier;

    /**
     * @param classifier the loaded classifier; its lifetime is the caller's (a {@link
     *     ClassifierBlockFactory} ties it to the model's manager)
     */
    public ClassifierBlock(TrainableClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
    }

    /** The classifier this block runs. */
    public TrainableClassifier classifier() {
        return classifier;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        try (InferenceScope noGraph = InferenceScope.enter()) {
            return classifier.block().forward(store, inputs, false, params);
        }
    }

    @Override
    public void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        // the classifier's block was initialised with its weights when it was loaded
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classifier.labels().size())};
    }

    @Override
    public String toString() {
        return "ClassifierBlock{" + classifier + "}";
    }
}

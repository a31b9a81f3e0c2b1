package io.github.bertdistill.core.model;

import ai.djl.nn.Block;

/**
 * A classifier that the training loop in {@code distill} can train without knowing what it is: a
 * DJL {@link Block} plus the {@link TextEncoder} that prepares its input ({@link
 * EncodingClassifier}).
 *
 * <p>The contract between the two: {@code block().forward(store, encoder().encodeBatch(texts)
 * .toNDList(manager), training)} returns an {@code NDList} whose first array holds the raw logits,
 * shape {@code [batch, labels().size()]}; a block may return its features second when the forward
 * parameters ask for them ({@link FeatureClassifier#withFeatures()}). The block is forward-only;
 * losses and optimisers live in the training loop.
 */
public interface TrainableClassifier extends EncodingClassifier {

    /** The network, initialised, with its parameters. */
    Block block();
}

package io.github.bertdistill.core.model;

import ai.djl.nn.Block;
import java.util.List;

/**
 * A classifier that the training loop in {@code distill} can train without knowing what it is: a
 * DJL {@link Block} plus the {@link TextEncoder} that prepares its input.
 *
 * <p>The contract between the two: {@code block().forward(store, encoder().encodeBatch(texts)
 * .toNDList(manager), training)} returns an {@code NDList} whose first array holds the raw logits,
 * shape {@code [batch, labels().size()]}. The block is forward-only; losses and optimisers live in
 * the training loop.
 */
public interface TrainableClassifier extends TextClassifier {

    /** The network, initialised, with its parameters. */
    Block block();

    /** The encoder that prepares the block's input. */
    TextEncoder encoder();

    /**
     * Raw logits for a batch already encoded by {@link #encoder()}: what {@link #logits(List)}
     * computes after encoding, for callers that pick the batches themselves ({@link
     * BucketedInference}).
     *
     * @return one row per item of {@code batch}, {@code labels().size()} columns
     */
    float[][] logits(EncodedBatch batch);

    /** Encodes {@code texts} into one batch and classifies it. */
    @Override
    default float[][] logits(List<String> texts) {
        return texts.isEmpty() ? new float[0][] : logits(encoder().encodeBatch(texts));
    }
}

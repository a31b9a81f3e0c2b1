package io.github.bertdistill.core.model;

import java.util.List;

/**
 * A classifier whose input is prepared by a {@link TextEncoder} it exposes, and which classifies a
 * batch already encoded by it: what lets {@link BucketedInference} encode texts once, sort them by
 * token count and cut batches of similar length, whatever runs the model (a DJL block, ONNX
 * Runtime, …).
 */
public interface EncodingClassifier extends TextClassifier {

    /** The encoder that prepares the model's input. */
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

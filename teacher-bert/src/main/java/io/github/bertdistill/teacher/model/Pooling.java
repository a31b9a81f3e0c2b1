package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** How a classifier turns BERT's token states {@code [batch, length, hidden]} into one vector. */
public enum Pooling {
    /**
     * {@code tanh(W h[CLS] + b)} through the pretrained pooler, as {@code
     * BertForSequenceClassification}.
     */
    POOLER,
    /** The state of the first token, [CLS]. */
    CLS,
    /** The mean of the states of the real (unmasked) tokens, as sentence-transformers do. */
    MEAN;

    /** The pooled vector; {@code pooled} is the model's pooler output (used by {@link #POOLER}). */
    NDArray pool(NDArray hidden, NDArray mask, NDArray pooled) {
        return switch (this) {
            case POOLER -> pooled;
            case CLS -> hidden.get(":, 0, :");
            case MEAN -> {
                NDArray weights = mask.toType(DataType.FLOAT32, false).expandDims(2);
                yield hidden.mul(weights).sum(new int[] {1}).div(weights.sum(new int[] {1}));
            }
        };
    }
}

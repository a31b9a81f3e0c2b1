package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.github.bertdistill.core.model.Scalars;
import io.github.bertdistill.teacher.config.BertConfig;

/**
 * What every layer of one forward pass shares, built once per batch instead of once per layer: the
 * batch's shape, the additive attention mask and the attention scale.
 *
 * <p>The encoder works on token states flattened to {@code [batch · length, hidden]}, so that every
 * dense layer is one matrix product with its bias fused in; the shape is kept here to unflatten the
 * heads. The mask is {@code [batch, 1, 1, length]}, 0 on real tokens and the most negative float on
 * padding, or {@code null} when the batch has no padding (adding it would change nothing). The
 * scale {@code 1/√d} multiplies the queries; it is a {@link Scalars} array, safe inside the
 * autograd graph.
 *
 * @param batch texts in the batch
 * @param length tokens per text (padded)
 * @param additiveMask the additive mask, or {@code null} when nothing is padded
 * @param scale {@code 1/√(hidden / heads)}, a 0-d array
 */
record BatchConstants(long batch, long length, NDArray additiveMask, NDArray scale) {
    /**
     * The constants for token states {@code hidden} ({@code [batch, length, hidden]}) and an
     * attention mask ({@code [batch, length]}, 1 on real tokens, 0 on padding): the mask is {@code
     * (mask − 1) · Float.MAX_VALUE}.
     */
    static BatchConstants of(NDArray hidden, NDArray attentionMask, BertConfig config) {
        long batch = hidden.getShape().get(0);
        long length = hidden.getShape().get(1);
        NDArray additive = null;
        if (!attentionMask.all().getBoolean()) {
            additive =
                    attentionMask
                            .toType(DataType.FLOAT32, false)
                            .sub(1f)
                            .mul(Float.MAX_VALUE)
                            .reshape(batch, 1, 1, length);
        }
        NDArray scale = Scalars.of(hidden, 1 / Math.sqrt(config.headSize()));
        return new BatchConstants(batch, length, additive, scale);
    }

    /** Number of token positions, {@code batch · length}. */
    long tokens() {
        return batch * length;
    }
}

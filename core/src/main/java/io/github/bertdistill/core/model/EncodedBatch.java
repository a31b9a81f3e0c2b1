package io.github.bertdistill.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A batch of {@link EncodedText}s padded to one length: the input of every classifier block.
 *
 * <p>Padding is dynamic: the batch is as long as its longest item (or {@code minLength}, for models
 * such as TextCNN whose widest kernel needs a minimum). The attention mask is 1 on real tokens and
 * 0 on padding, so a model can ignore the padding exactly. Arrays are row-major {@code [size,
 * length]}.
 */
public final class EncodedBatch {
    private final int size;
    private final int length;
    private final long[] tokenIds;
    private final long[] attentionMask;
    private final long[] tokenTypeIds;
    private final int truncatedCount;

    private EncodedBatch(
            int size,
            int length,
            long[] tokenIds,
            long[] attentionMask,
            long[] tokenTypeIds,
            int truncatedCount) {
        this.size = size;
        this.length = length;
        this.tokenIds = tokenIds;
        this.attentionMask = attentionMask;
        this.tokenTypeIds = tokenTypeIds;
        this.truncatedCount = truncatedCount;
    }

    /**
     * Pads {@code texts} with {@code padId} to the longest item, and to at least {@code minLength}.
     */
    public static EncodedBatch pad(List<EncodedText> texts, long padId, int minLength) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("cannot encode an empty batch");
        }
        int length = Math.max(1, minLength);
        int truncated = 0;
        for (EncodedText text : texts) {
            length = Math.max(length, text.length());
            truncated += text.truncated() ? 1 : 0;
        }
        int size = texts.size();
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        java.util.Arrays.fill(ids, padId);
        for (int row = 0; row < size; row++) {
            EncodedText text = texts.get(row);
            int offset = row * length;
            System.arraycopy(text.tokenIds(), 0, ids, offset, text.length());
            System.arraycopy(text.tokenTypeIds(), 0, types, offset, text.length());
            java.util.Arrays.fill(mask, offset, offset + text.length(), 1L);
        }
        return new EncodedBatch(size, length, ids, mask, types, truncated);
    }

    /** Number of texts. */
    public int size() {
        return size;
    }

    /** Padded length of every row. */
    public int length() {
        return length;
    }

    /** How many texts of the batch were truncated to the encoder's maximum length. */
    public int truncatedCount() {
        return truncatedCount;
    }

    /** Token ids, row-major {@code [size, length]} (a copy). */
    public long[] tokenIds() {
        return tokenIds.clone();
    }

    /** 1 on real tokens, 0 on padding, row-major {@code [size, length]} (a copy). */
    public long[] attentionMask() {
        return attentionMask.clone();
    }

    /** Segment ids, row-major {@code [size, length]} (a copy). */
    public long[] tokenTypeIds() {
        return tokenTypeIds.clone();
    }

    /**
     * The batch as the model input {@code [tokenIds, attentionMask, tokenTypeIds]}, int64 arrays of
     * shape {@code [size, length]} attached to {@code manager} (use a step-scoped manager).
     */
    public NDList toNDList(NDManager manager) {
        Shape shape = new Shape(size, length);
        NDArray ids = manager.create(tokenIds, shape);
        NDArray mask = manager.create(attentionMask, shape);
        NDArray types = manager.create(tokenTypeIds, shape);
        return new NDList(ids, mask, types);
    }
}

package io.github.bertdistill.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands for arithmetic inside the autograd graph.
 *
 * <p>DJL's PyTorch engine implements {@code x.div(2f)}, {@code x.mul(2f)}, … by wrapping the number
 * in a 0-d tensor created with {@code from_blob} over a Java direct {@code ByteBuffer}, and closes
 * that wrapper as soon as the operation returns. When {@code x} requires a gradient, autograd saves
 * the scalar tensor for the backward pass ({@code div} and {@code mul} need it), but nothing keeps
 * the {@code ByteBuffer} reachable any more: a garbage collection between forward and backward
 * frees its memory, and backward then reads whatever lives there (often 0, giving infinite or NaN
 * gradients). A scalar made by {@link ai.djl.ndarray.NDManager#full} owns native storage, which the
 * autograd graph keeps alive by reference count, so it is safe however early its wrapper is closed.
 *
 * <p>Use {@link #of} for every number combined with an array that may require a gradient during
 * training.
 */
public final class Scalars {
    private Scalars() {}

    /**
     * {@code value} as a 0-d array of {@code like}'s data type, in {@code like}'s manager, with
     * natively allocated storage.
     */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}

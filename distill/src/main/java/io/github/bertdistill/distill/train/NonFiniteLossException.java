package io.github.bertdistill.distill.train;

/**
 * Thrown when a step's loss or gradient is NaN or infinite. The step's update is not applied, so
 * the weights, the last checkpoint and the best checkpoint stay as they were.
 */
public final class NonFiniteLossException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NonFiniteLossException(String message) {
        super(message);
    }
}

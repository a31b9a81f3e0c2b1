package io.github.bertdistill.core.engine;

/** The deep-learning engine could not be loaded; the message says what to check. */
public final class EngineStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An engine failure with its cause. */
    public EngineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}

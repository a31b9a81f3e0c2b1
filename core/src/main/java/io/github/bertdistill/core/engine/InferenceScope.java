package io.github.bertdistill.core.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A region of code in which the engine records no autograd graph: PyTorch's grad mode is off on the
 * current thread until {@link #close()}, which restores it.
 *
 * <p>Grad mode is a per-thread setting in PyTorch. DJL switches it off once, on the thread that
 * loads the engine, and on only inside a {@code GradientCollector}; on every other thread it is on.
 * There, every operation on a parameter (which requires a gradient) would record its inputs for a
 * backward pass that never comes: extra work and memory for each call. Inference enters this scope
 * so that it runs alike on any thread.
 *
 * <pre>{@code
 * try (InferenceScope scope = InferenceScope.enter()) {
 *     logits = block.forward(store, inputs, false).head();
 * }
 * }</pre>
 */
public final class InferenceScope implements AutoCloseable {
    private final boolean previous;

    private InferenceScope(boolean previous) {
        this.previous = previous;
    }

    /** Switches grad mode off on this thread; {@link #close()} switches it back if it was on. */
    public static InferenceScope enter() {
        boolean previous = JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
        return new InferenceScope(previous);
    }

    @Override
    public void close() {
        if (previous) {
            JniUtils.setGradMode(true);
        }
    }
}

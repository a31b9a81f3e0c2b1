package io.github.bertdistill.core.model;

/**
 * A block that keeps a form of its parameters rearranged for fast inference, such as the TextCNN
 * student's convolutions packed into matrices for single texts, and must rebuild it whenever its
 * parameters change.
 *
 * <p>The block sees most changes itself: every forward pass in training mode, which is what comes
 * before an optimiser's update, drops the derived form, and the next inference builds it again from
 * the parameters as they are then. Code that writes a block's parameter arrays in place at any
 * other time (restoring a checkpoint, copying the best weights back at the end of training, a
 * user's own weight surgery) calls {@link #parametersChanged()} afterwards, or the block keeps
 * answering with the old weights. Not to be called while another thread runs the block's forward
 * pass.
 */
public interface DerivedWeights {

    /** Drops every form derived from the parameters; the next inference rebuilds it. */
    void parametersChanged();
}

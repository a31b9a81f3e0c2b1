package io.github.bertdistill.distill.train;

/**
 * The two Adam variants (Kingma & Ba 2015). They differ only in how weight decay {@code λ} enters.
 */
public enum OptimizerKind {
    /**
     * Decoupled weight decay (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization"):
     * {@code θ ← θ − η·(m̂/(√v̂ + ε) + λ·θ)}. The optimiser of BERT fine-tuning.
     */
    ADAMW,
    /** Classic Adam with L2 regularisation added to the gradient, {@code g ← g + λ·θ}. */
    ADAM
}

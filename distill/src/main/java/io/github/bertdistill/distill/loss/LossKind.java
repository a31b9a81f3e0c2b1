package io.github.bertdistill.distill.loss;

/** Which soft term a distillation uses. */
public enum LossKind {
    /** {@link SoftTargetLoss}: {@code T²·KL} between softened distributions (Hinton et al.). */
    KL,
    /** {@link MseLogitLoss}: squared distance between logits (Tang et al.); ignores {@code T}. */
    MSE;

    /** The soft term of this kind at {@code temperature}. */
    public ExampleLoss softTerm(float temperature) {
        return this == KL ? new SoftTargetLoss(temperature) : new MseLogitLoss();
    }
}

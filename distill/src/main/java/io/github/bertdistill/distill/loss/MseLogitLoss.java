package io.github.bertdistill.distill.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Squared distance between student and teacher logits, {@code ℓ_i = ‖z_s − z_t‖² = Σ_c (z_s,c −
 * z_t,c)²}, for examples with teacher logits: the distillation objective of Tang et al. (2019),
 * "Distilling Task-Specific Knowledge from BERT into Simple Neural Networks". It matches logits
 * directly, so no temperature applies.
 */
public final class MseLogitLoss extends ExampleLoss {

    /** A logit-matching term named {@code "mse"}. */
    public MseLogitLoss() {
        super("mse");
    }

    @Override
    public NDArray perExample(NDList labels, NDList predictions) {
        NDArray difference = predictions.head().sub(DistillationLabels.teacherLogits(labels));
        return difference.square().sum(new int[] {1}).mul(appliesTo(labels));
    }

    @Override
    public NDArray appliesTo(NDList labels) {
        return DistillationLabels.teacherMask(labels);
    }
}

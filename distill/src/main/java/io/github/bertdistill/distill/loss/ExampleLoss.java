package io.github.bertdistill.distill.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * A loss made of one value per example, averaged over the examples it applies to.
 *
 * <p>{@link #evaluate} is {@code Σ_i mask_i·ℓ_i / max(1, Σ_i mask_i)}: a batch mean over the
 * examples the term applies to ({@link #appliesTo}), not a mean over every element of the logits.
 * Terms are combined per example by {@link DistillationLoss}, which is why they expose {@link
 * #perExample} rather than only the batch value.
 */
public abstract class ExampleLoss extends Loss {

    /**
     * @param name the loss name shown in logs
     */
    protected ExampleLoss(String name) {
        super(name);
    }

    /**
     * The loss of every example, float32 {@code [B]}; 0 where the term does not apply.
     *
     * @param labels see {@link DistillationLabels}
     * @param predictions {@code [studentLogits [B, C]]}
     */
    public abstract NDArray perExample(NDList labels, NDList predictions);

    /** 1 for the examples this term applies to, 0 for the others; float32 {@code [B]}. */
    public abstract NDArray appliesTo(NDList labels);

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray count = appliesTo(labels).sum().maximum(1f);
        return perExample(labels, predictions).sum().div(count);
    }
}

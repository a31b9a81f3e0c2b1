package io.github.bertdistill.distill.loss;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The distillation objective {@code L = α·CE(z_s, y) + (1−α)·soft(z_s, z_t)}, where {@code soft} is
 * {@link SoftTargetLoss} ({@code T²·KL}) or {@link MseLogitLoss}; {@code α = 1} with no teacher is
 * plain supervised fine-tuning.
 *
 * <p><b>Mixed batches.</b> An example may lack a gold label (an augmented transfer-set text) or
 * teacher logits. The weights of the terms an example has are renormalised to sum to 1 for that
 * example:
 *
 * <pre>
 *   labelled, with teacher:   ℓ_i = α·CE_i + (1−α)·soft_i
 *   labelled, no teacher:     ℓ_i = CE_i
 *   unlabelled, with teacher: ℓ_i = soft_i
 *   neither:                  not counted
 *   L = Σ_i ℓ_i / (number of counted examples)
 * </pre>
 *
 * so every counted example carries total weight 1, and the loss is a mean over the counted examples
 * of the batch. In particular, with {@code α = 1} an unlabelled example still learns from its
 * teacher (it has nothing else), and a batch of only labelled examples gives exactly {@code
 * α·mean(CE) + (1−α)·mean(soft)}.
 */
public final class DistillationLoss extends ExampleLoss {
    private final HardLabelLoss hard;
    private final ExampleLoss soft;
    private final float alpha;

    /**
     * @param soft the soft term
     * @param alpha the weight {@code α ∈ [0, 1]} of the hard term
     */
    public DistillationLoss(ExampleLoss soft, float alpha) {
        super("distillation");
        checkArgument(alpha >= 0 && alpha <= 1, "alpha must be in [0, 1], got %s", alpha);
        this.hard = new HardLabelLoss();
        this.soft = soft;
        this.alpha = alpha;
    }

    /** The loss of {@code kind} at temperature {@code temperature} and weight {@code alpha}. */
    public static DistillationLoss of(LossKind kind, float temperature, float alpha) {
        return new DistillationLoss(kind.softTerm(temperature), alpha);
    }

    /** The weight {@code α} of the hard term. */
    public float alpha() {
        return alpha;
    }

    @Override
    public NDArray perExample(NDList labels, NDList predictions) {
        NDArray labelled = hard.appliesTo(labels);
        NDArray taught = soft.appliesTo(labels);
        NDArray hardWeight = labelled.mul(taught.mul(alpha - 1).add(1));
        NDArray softWeight = taught.mul(labelled.mul(-alpha).add(1));
        return hard.perExample(labels, predictions)
                .mul(hardWeight)
                .add(soft.perExample(labels, predictions).mul(softWeight));
    }

    @Override
    public NDArray appliesTo(NDList labels) {
        return hard.appliesTo(labels).maximum(soft.appliesTo(labels));
    }
}

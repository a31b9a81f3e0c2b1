package io.github.bertdistill.distill.loss;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.github.bertdistill.core.model.Scalars;

/**
 * The soft-target term of Hinton et al. (2015), "Distilling the Knowledge in a Neural Network":
 *
 * <pre>
 *   ℓ_i = T² · KL(p_t ‖ q_s) = T² · Σ_c p_t,c · (log p_t,c − log q_s,c)
 *   p_t = softmax(z_t / T),  q_s = softmax(z_s / T)
 * </pre>
 *
 * summed over classes, for examples with teacher logits. The gradient of the KL term with respect
 * to the student logits is {@code (q_s − p_t)/T}, which for large {@code T} shrinks like {@code
 * 1/T²} relative to the logit gap; the factor {@code T²} keeps the soft gradients' scale comparable
 * as {@code T} changes (TextBrewer omits it). Both distributions come from {@code logSoftmax}, so
 * very large logits stay finite.
 */
public final class SoftTargetLoss extends ExampleLoss {
    private final float temperature;

    /**
     * @param temperature the softening temperature {@code T > 0}
     */
    public SoftTargetLoss(float temperature) {
        super("soft");
        checkArgument(temperature > 0, "temperature must be > 0, got %s", temperature);
        this.temperature = temperature;
    }

    /** The temperature {@code T}. */
    public float temperature() {
        return temperature;
    }

    @Override
    public NDArray perExample(NDList labels, NDList predictions) {
        NDArray teacherLog =
                DistillationLabels.teacherLogits(labels).div(temperature).logSoftmax(1);
        NDArray student = predictions.head();
        NDArray studentLog = student.div(Scalars.of(student, temperature)).logSoftmax(1);
        NDArray kl = teacherLog.exp().mul(teacherLog.sub(studentLog)).sum(new int[] {1});
        return kl.mul(Scalars.of(kl, temperature * temperature)).mul(appliesTo(labels));
    }

    @Override
    public NDArray appliesTo(NDList labels) {
        return DistillationLabels.teacherMask(labels);
    }
}

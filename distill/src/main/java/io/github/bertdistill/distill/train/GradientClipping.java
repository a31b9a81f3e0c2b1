package io.github.bertdistill.distill.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.github.bertdistill.core.model.Scalars;
import java.util.Collection;

/**
 * Clipping by global norm (Pascanu et al. 2013): with {@code ‖g‖ = √(Σ_w Σ g_w²)} over every
 * gradient, all gradients are scaled by {@code c / ‖g‖} when {@code ‖g‖ > c}, so their direction is
 * kept.
 *
 * <p>Each gradient's norm is one fused reduction (no squared copy), and the norms reach Java in one
 * copy, summed in double precision; the scale is one array shared by every gradient.
 */
final class GradientClipping {
    private GradientClipping() {}

    /**
     * Clips the gradients of {@code weights} in place and returns their global norm before
     * clipping. Intermediate arrays land in the weights' (step-scoped) manager.
     *
     * @param maxNorm the largest norm allowed; 0 only measures
     */
    static double clipByGlobalNorm(Collection<NDArray> weights, float maxNorm) {
        if (weights.isEmpty()) {
            return 0;
        }
        NDList norms = new NDList(weights.size());
        for (NDArray weight : weights) {
            norms.add(weight.getGradient().norm());
        }
        double squares = 0;
        for (float norm : NDArrays.stack(norms).toFloatArray()) {
            squares += (double) norm * norm;
        }
        double norm = Math.sqrt(squares);
        if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
            NDArray scale = Scalars.of(weights.iterator().next(), maxNorm / norm);
            weights.forEach(weight -> weight.getGradient().muli(scale));
        }
        return norm;
    }
}

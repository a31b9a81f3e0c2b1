package io.github.bertdistill.distill.train;

import ai.djl.ndarray.NDArray;
import java.util.Collection;

/**
 * Clipping by global norm (Pascanu et al. 2013): with {@code ‖g‖ = √(Σ_w Σ g_w²)} over every
 * gradient, all gradients are scaled by {@code c / ‖g‖} when {@code ‖g‖ > c}, so their direction is
 * kept.
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
        double squares = 0;
        for (NDArray weight : weights) {
            squares += weight.getGradient().square().sum().getFloat();
        }
        double norm = Math.sqrt(squares);
        if (maxNorm > 0 && norm > maxNorm && Double.isFinite(norm)) {
            float scale = (float) (maxNorm / norm);
            weights.forEach(weight -> weight.getGradient().muli(scale));
        }
        return norm;
    }
}

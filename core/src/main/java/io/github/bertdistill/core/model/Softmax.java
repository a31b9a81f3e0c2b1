package io.github.bertdistill.core.model;

/**
 * Numerically stable softmax on plain arrays: {@code p_i = exp((z_i − max z)/T) / Σ_j exp((z_j −
 * max z)/T)}. Subtracting the maximum leaves the result unchanged and keeps {@code exp} finite for
 * any logits.
 */
public final class Softmax {
    private Softmax() {}

    /** Softmax of {@code logits} at temperature {@code temperature} (> 0). */
    public static float[] softmax(float[] logits, float temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        double[] exp = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            exp[i] = Math.exp((logits[i] - max) / temperature);
            sum += exp[i];
        }
        float[] probabilities = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = (float) (exp[i] / sum);
        }
        return probabilities;
    }

    /** Index of the largest value; the first one on ties. */
    public static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}

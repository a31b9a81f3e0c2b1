package io.github.bertdistill.distill.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.bertdistill.core.model.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma & Ba 2015) and AdamW (Loshchilov & Hutter 2019) on NDArrays, with a state that can
 * be saved and restored exactly: the moments {@code m}, {@code v} of every weight and the step
 * count {@code t}. DJL's own optimisers keep their state out of reach, which rules out resuming a
 * run bit for bit.
 *
 * <pre>
 *   g ← ∇θ (+ λ·θ for Adam)
 *   m ← β₁·m + (1 − β₁)·g        v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m / (1 − β₁ᵗ)             v̂ = v / (1 − β₂ᵗ)
 *   θ ← θ − η_t·(m̂ / (√v̂ + ε) (+ λ·θ for AdamW))
 * </pre>
 *
 * with {@code β₁ = 0.9, β₂ = 0.999, ε = 1e-8}. Weight decay applies only to weights with two or
 * more axes: biases and normalisation scales are not decayed, as in BERT fine-tuning.
 */
public final class AdamOptimizer implements AutoCloseable {
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    private final OptimizerKind kind;
    private final float weightDecay;
    private final NDManager stateManager;
    private final Map<String, NDArray> moments = new LinkedHashMap<>();
    private long steps;

    /**
     * @param kind Adam or AdamW
     * @param weightDecay {@code λ ≥ 0}
     * @param parent the manager under which the moments are kept (until {@link #close()})
     */
    public AdamOptimizer(OptimizerKind kind, float weightDecay, NDManager parent) {
        this.kind = kind;
        this.weightDecay = weightDecay;
        this.stateManager = parent.newSubManager();
    }

    /**
     * Updates every weight in place from its gradient.
     *
     * <p>The arithmetic is arranged for few engine calls and no temporaries beyond two per weight:
     * the moments are updated in place as {@code m ← β₁·(m − g) + g} and {@code v ← β₂·(v − g²) +
     * g²}, the bias corrections are folded into two scalars, {@code m̂/(√v̂ + ε) = (√c₂/c₁)·m/(√v +
     * ε·√c₂)} with {@code c_i = 1 − β_iᵗ}, and AdamW's decay is {@code θ ← θ·(1 − η·λ)}. Every
     * scalar is one array per step, shared by all weights. The gradient serves as scratch space (it
     * holds {@code g²} afterwards): callers zero it before the next backward pass anyway.
     *
     * @param step the step-scoped manager: the weights must be attached to it (temporarily) so that
     *     every intermediate array is freed with it; the moments are attached for the update and
     *     return to the optimiser when {@code step} closes
     * @param weights the trainable weights by name; each has a gradient
     * @param learningRate {@code η_t} for this step
     */
    public void update(NDManager step, Map<String, NDArray> weights, float learningRate) {
        steps++;
        if (weights.isEmpty()) {
            return;
        }
        double firstCorrection = 1 - Math.pow(BETA1, steps);
        double secondCorrection = Math.sqrt(1 - Math.pow(BETA2, steps));
        NDArray like = weights.values().iterator().next();
        NDArray beta1 = Scalars.of(like, BETA1);
        NDArray beta2 = Scalars.of(like, BETA2);
        NDArray epsilon = Scalars.of(like, EPSILON * secondCorrection);
        NDArray stepSize = Scalars.of(like, learningRate * secondCorrection / firstCorrection);
        NDArray decay =
                Scalars.of(
                        like,
                        kind == OptimizerKind.ADAMW ? 1 - learningRate * weightDecay : weightDecay);
        for (Map.Entry<String, NDArray> entry : weights.entrySet()) {
            NDArray weight = entry.getValue();
            NDArray first = moment("m/" + entry.getKey(), weight);
            NDArray second = moment("v/" + entry.getKey(), weight);
            step.tempAttachAll(first, second);
            boolean decays = weightDecay > 0 && weight.getShape().dimension() >= 2;
            NDArray gradient = weight.getGradient();
            if (decays && kind == OptimizerKind.ADAM) {
                gradient.addi(weight.mul(decay));
            }
            first.subi(gradient).muli(beta1).addi(gradient);
            NDArray squared = gradient.muli(gradient);
            second.subi(squared).muli(beta2).addi(squared);
            NDArray update = first.div(second.sqrt().addi(epsilon)).muli(stepSize);
            if (decays && kind == OptimizerKind.ADAMW) {
                weight.muli(decay);
            }
            weight.subi(update);
        }
    }

    private NDArray moment(String name, NDArray weight) {
        return moments.computeIfAbsent(
                name, k -> stateManager.zeros(weight.getShape(), weight.getDataType()));
    }

    /** Number of updates made, {@code t}. */
    public long steps() {
        return steps;
    }

    /** The moments by name ({@code m/<weight>}, {@code v/<weight>}); live arrays, not copies. */
    public Map<String, NDArray> state() {
        return moments;
    }

    /** Replaces the state with a saved one: copies of {@code saved} and the step count. */
    public void restore(Map<String, NDArray> saved, long savedSteps) {
        moments.values().forEach(NDArray::close);
        moments.clear();
        moments.putAll(NamedArrays.copies(saved, stateManager));
        steps = savedSteps;
    }

    @Override
    public void close() {
        stateManager.close();
    }
}

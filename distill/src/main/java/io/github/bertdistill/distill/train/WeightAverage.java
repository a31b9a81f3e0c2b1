package io.github.bertdistill.distill.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An exponential moving average (EMA) of the trainable weights, the Polyak–Ruppert averaging of
 * Polyak &amp; Juditsky 1992 in its exponential form (as in Tarvainen &amp; Valpola 2017's mean
 * teacher or timm's {@code ModelEma}). After the optimiser's update {@code θ_t} of every step:
 *
 * <pre>
 *   a_t = d·a_{t−1} + (1 − d)·θ_t,   a_0 = 0
 *   θ̄_t = a_t / (1 − dᵗ)                          (bias correction, as in Adam)
 *   d   = 1 − 1 / (τ·n)                           (time constant τ epochs of n steps)
 * </pre>
 *
 * <p>so {@code θ̄_t} is a weighted mean of {@code θ_1 … θ_t} whose weights halve every {@code
 * 0.69·τ} epochs. Training keeps updating {@code θ}; validation, the best checkpoint and the final
 * weights use {@code θ̄}, which smooths the epoch-to-epoch swing of dev accuracy that a constant
 * learning rate leaves. Expressing {@code τ} in epochs makes one setting mean the same averaging
 * window for a 7,000-example and a 145,000-example training set. With {@code τ = 0} there is no
 * average and every method is a no-op.
 */
final class WeightAverage implements AutoCloseable {
    private final float decay;
    private final Block block;
    private final Map<String, NDArray> weights;
    private final NDManager manager;
    private final Map<String, NDArray> sums = new LinkedHashMap<>();
    private long updates;

    /**
     * @param epochs the time constant {@code τ ≥ 0} in epochs; 0 turns averaging off
     * @param stepsPerEpoch {@code n}
     * @param block the block whose trainable weights ({@link NamedArrays#trainable}: live arrays,
     *     updated in place by training) are averaged; told whenever they are written ({@link
     *     NamedArrays#changed})
     * @param parent the manager under which the sums are kept (until {@link #close()})
     */
    WeightAverage(float epochs, long stepsPerEpoch, Block block, NDManager parent) {
        checkArgument(epochs >= 0, "the averaging time constant must be >= 0, got %s", epochs);
        this.decay = epochs == 0 ? 0 : (float) Math.max(0, 1 - 1 / (epochs * stepsPerEpoch));
        this.block = block;
        this.weights = epochs == 0 ? Map.of() : NamedArrays.trainable(block);
        this.manager = parent.newSubManager();
        this.weights.forEach(
                (name, weight) ->
                        sums.put(name, manager.zeros(weight.getShape(), weight.getDataType())));
    }

    /** The per-step decay {@code d}. */
    float decay() {
        return decay;
    }

    /** Adds the current weights to the average; called once after every update. */
    void update() {
        if (weights.isEmpty()) {
            return;
        }
        updates++;
        try (NDManager step = manager.newSubManager()) {
            for (Map.Entry<String, NDArray> entry : weights.entrySet()) {
                NDArray weight = entry.getValue();
                NDArray sum = sums.get(entry.getKey());
                step.tempAttachAll(weight, sum);
                sum.muli(decay).addi(weight.mul(1 - decay));
            }
        }
    }

    /**
     * Runs {@code action} with {@code θ̄} in the block, then puts the trained weights {@code θ}
     * back bit for bit.
     */
    void withAverage(IoAction action) throws IOException {
        if (updates == 0) {
            action.run();
            return;
        }
        try (NDManager saved = manager.newSubManager()) {
            Map<String, NDArray> trained = NamedArrays.copies(weights, saved);
            apply();
            try {
                action.run();
            } finally {
                trained.forEach((name, copy) -> NamedArrays.overwrite(weights.get(name), copy));
                NamedArrays.changed(block);
            }
        }
    }

    /** Replaces the weights with {@code θ̄} for good (the end of a run without a dev set). */
    void apply() {
        if (updates == 0) {
            return;
        }
        float correction = (float) (1 - Math.pow(decay, updates));
        try (NDManager step = manager.newSubManager()) {
            for (Map.Entry<String, NDArray> entry : weights.entrySet()) {
                NDArray sum = sums.get(entry.getKey());
                step.tempAttachAll(sum);
                NamedArrays.overwrite(entry.getValue(), sum.div(correction));
            }
        }
        NamedArrays.changed(block);
    }

    /**
     * The sums {@code a_t} by weight name; live arrays, not copies; empty when averaging is off.
     */
    Map<String, NDArray> state() {
        return sums;
    }

    /**
     * Replaces the state with a saved one: copies of {@code saved}, after {@code steps} updates.
     *
     * @throws IllegalStateException if {@code saved} does not hold a sum for every weight
     */
    void restore(Map<String, NDArray> saved, long steps, Object source) {
        if (weights.isEmpty()) {
            return;
        }
        checkState(
                saved.keySet().equals(weights.keySet()),
                "%s holds averages of %s, but the model's trainable weights are %s",
                source,
                saved.keySet(),
                weights.keySet());
        sums.values().forEach(NDArray::close);
        sums.clear();
        sums.putAll(NamedArrays.copies(saved, manager));
        updates = steps;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Something done with the averaged weights in place. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }
}

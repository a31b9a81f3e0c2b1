package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.bertdistill.core.engine.EngineBootstrap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @Test
    void adamMatchesTheHandComputedUpdates() {
        // loss = Σ w² / 2, so g = w. First step: m̂ = g, v̂ = g², update = η·g/(|g| + ε) ≈
        // η·sign(g).
        float[][] trajectory = run(OptimizerKind.ADAM, 0, new float[] {2, -4}, 0.1f, 2);
        assertArrayEquals(new float[] {1.9f, -3.9f}, trajectory[0], 1e-6f);
        // Second step by hand for w = 1.9 (g1 = 2, g2 = 1.9).
        double m = 0.9 * (0.1 * 2) + 0.1 * 1.9;
        double v = 0.999 * (0.001 * 4) + 0.001 * 1.9 * 1.9;
        double mHat = m / (1 - 0.81);
        double vHat = v / (1 - 0.999 * 0.999);
        assertEquals(1.9 - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8), trajectory[1][0], 1e-6);
    }

    @Test
    void adamWDecaysWeightsDecoupledFromTheGradientAndSkipsVectors() {
        // With g = w, AdamW's first step is w − η·(sign(w) + λ·w) for matrices only.
        float[][] matrix = run(OptimizerKind.ADAMW, 0.5f, new float[] {2, -4}, 0.1f, 1, 2);
        assertArrayEquals(new float[] {2 - 0.1f * (1 + 1), -4 + 0.1f * (1 + 2)}, matrix[0], 1e-6f);
        float[][] vector = run(OptimizerKind.ADAMW, 0.5f, new float[] {2, -4}, 0.1f, 1);
        assertArrayEquals(new float[] {1.9f, -3.9f}, vector[0], 1e-6f);
    }

    @Test
    void restoredStateContinuesExactly() {
        try (NDManager manager = NDManager.newBaseManager();
                AdamOptimizer original = new AdamOptimizer(OptimizerKind.ADAMW, 0.1f, manager);
                AdamOptimizer copy = new AdamOptimizer(OptimizerKind.ADAMW, 0.1f, manager)) {
            NDArray a = manager.create(new float[] {1, -2, 3});
            NDArray b = manager.create(new float[] {1, -2, 3});
            step(original, manager, a, 0.05f);
            step(original, manager, a, 0.05f);
            b.set(a.toFloatArray());
            copy.restore(original.state(), original.steps());
            step(original, manager, a, 0.05f);
            step(copy, manager, b, 0.05f);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray());
            assertEquals(3, copy.steps());
        }
    }

    /** Runs {@code steps} updates of loss Σ w²/2 and returns the weights after each. */
    private static float[][] run(
            OptimizerKind kind, float decay, float[] start, float rate, int steps, int... rows) {
        try (NDManager manager = NDManager.newBaseManager();
                AdamOptimizer optimizer = new AdamOptimizer(kind, decay, manager)) {
            NDArray weight = manager.create(start);
            if (rows.length > 0) {
                weight = weight.reshape(rows[0], start.length / rows[0]);
            }
            float[][] trajectory = new float[steps][];
            for (int s = 0; s < steps; s++) {
                step(optimizer, manager, weight, rate);
                trajectory[s] = weight.toFloatArray();
            }
            return trajectory;
        }
    }

    private static void step(
            AdamOptimizer optimizer, NDManager manager, NDArray weight, float rate) {
        weight.setRequiresGradient(true);
        try (NDManager step = manager.newSubManager()) {
            weight.tempAttach(step);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(weight.square().sum().div(2));
            }
            Map<String, NDArray> weights = new LinkedHashMap<>();
            weights.put("w", weight);
            optimizer.update(step, weights, rate);
            weight.getGradient().subi(weight.getGradient());
        }
    }
}

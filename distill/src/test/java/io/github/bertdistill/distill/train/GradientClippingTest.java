package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.Scalars;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    /** Weights whose gradients are (3, 4) and (12): the global norm is √(9 + 16 + 144) = 13. */
    private static List<NDArray> weightsWithGradients(NDManager manager) {
        NDArray a = manager.create(new float[] {3, 4});
        NDArray b = manager.create(new float[] {12});
        a.setRequiresGradient(true);
        b.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            // d/dw of Σ w²/2 is w
            NDArray squares = a.square().sum().add(b.square().sum());
            collector.backward(squares.div(Scalars.of(squares, 2)));
        }
        return List.of(a, b);
    }

    @Test
    void scalesEveryGradientByTheSameFactorAboveTheLimit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NDArray> weights = weightsWithGradients(manager);
            assertEquals(13, GradientClipping.clipByGlobalNorm(weights, 6.5f), 1e-5);
            assertArrayEquals(
                    new float[] {1.5f, 2}, weights.get(0).getGradient().toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {6}, weights.get(1).getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void leavesGradientsAloneAtOrBelowTheLimitOrWithoutOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (float limit : new float[] {0, 13, 100}) {
                List<NDArray> weights = weightsWithGradients(manager);
                assertEquals(13, GradientClipping.clipByGlobalNorm(weights, limit), 1e-5);
                assertArrayEquals(
                        new float[] {3, 4}, weights.get(0).getGradient().toFloatArray(), 1e-6f);
            }
        }
    }
}

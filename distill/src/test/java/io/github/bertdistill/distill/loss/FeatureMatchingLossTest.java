package io.github.bertdistill.distill.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.bertdistill.core.engine.EngineBootstrap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureMatchingLossTest {
    private static final long NONE = DistillationLabels.NO_LABEL;
    private NDManager manager;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void isTheMeanSquaredDistanceOverTheExamplesWithFeatures() {
        // example 0: ((1−0)² + (2−0)²)/2 = 2.5; example 1 has no features; example 2: (0 + 3²)/2 =
        // 4.5
        NDList labels = labels(new long[] {0, 1, 0}, new float[][] {{0, 0}, null, {1, 0}});
        NDList predictions = predictions(new float[][] {{1, 2}, {9, 9}, {1, 3}});

        FeatureMatchingLoss loss = new FeatureMatchingLoss();

        assertArrayEquals(
                new float[] {2.5f, 0, 4.5f},
                loss.perExample(labels, predictions).toFloatArray(),
                1e-6f);
        assertEquals(3.5f, loss.evaluate(labels, predictions).getFloat(), 1e-6f);
    }

    @Test
    void addsBetaTimesTheFeatureTermToTheLossOnLogits() {
        NDList labels = labels(new long[] {0, NONE}, new float[][] {{0, 0}, {1, 1}});
        NDList predictions = predictions(new float[][] {{1, 1}, {1, 3}});
        DistillationLoss logits = DistillationLoss.of(LossKind.KL, 1, 1);
        float onLogits = logits.evaluate(labels, predictions).getFloat();
        float onFeatures = new FeatureMatchingLoss().evaluate(labels, predictions).getFloat();

        float total =
                new FeatureMatchedLoss(logits, 0.25f).evaluate(labels, predictions).getFloat();

        assertEquals(1.5f, onFeatures, 1e-6f); // (1 + 1)/2 and (0 + 4)/2, averaged
        assertEquals(onLogits + 0.25f * onFeatures, total, 1e-6f);
    }

    @Test
    void itsGradientPullsTheProjectionTowardsTheTeacher() {
        // d/dp of β·mean_i (1/H)·Σ_j (p_ij − h_ij)² is 2β(p − h)/(H·n)
        NDList labels = labels(new long[] {0, 1}, new float[][] {{0, 0}, {1, 1}});
        NDArray projected = manager.create(new float[][] {{1, 2}, {1, 3}});
        projected.setRequiresGradient(true);
        NDArray logits = manager.zeros(new Shape(2, 2));
        try (GradientCollector collector =
                Engine.getEngine(EngineBootstrap.ENGINE_NAME).newGradientCollector()) {
            NDArray loss =
                    new FeatureMatchedLoss(DistillationLoss.of(LossKind.KL, 1, 1), 2)
                            .evaluate(labels, new NDList(logits, projected));
            collector.backward(loss);
        }
        assertArrayEquals(new float[] {1, 2, 0, 2}, projected.getGradient().toFloatArray(), 1e-6f);
    }

    @Test
    void refusesANonPositiveWeight() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new FeatureMatchedLoss(DistillationLoss.of(LossKind.KL, 1, 1), 0));
    }

    @Test
    void labelsRejectAFeatureRowOfTheWrongWidth() {
        NDList labels = DistillationLabels.create(manager, new long[] {0}, new float[][] {null}, 2);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                DistillationLabels.withFeatures(
                                        manager, labels, new float[][] {{1, 2, 3}}, 2));
        assertEquals("teacher features of example 0 have 3 values, expected 2", e.getMessage());
    }

    private NDList labels(long[] hard, float[][] features) {
        NDList labels = DistillationLabels.create(manager, hard, new float[hard.length][], 2);
        return DistillationLabels.withFeatures(manager, labels, features, 2);
    }

    /** Student logits (all zero) and the projected features. */
    private NDList predictions(float[][] projected) {
        return new NDList(manager.zeros(new Shape(projected.length, 2)), manager.create(projected));
    }
}

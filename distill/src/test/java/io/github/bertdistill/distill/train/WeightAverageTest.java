package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.BlockTextClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weights a run with {@link MethodConfig#averagingEpochs()} ends with are the bias-corrected
 * moving average of the trajectory the same run takes without averaging, recomputed here in plain
 * Java.
 */
class WeightAverageTest {
    /** Half an epoch: τ = 3 of TinyTask's 6 steps per epoch, so d = 2/3. */
    private static final float HALF_EPOCH = 0.5f;

    private static final double DECAY = 2.0 / 3;

    @TempDir Path dir;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @Test
    void theDecayFollowsTheTimeConstantInEpochs() {
        try (BlockTextClassifier model = TinyTask.classifier(7);
                WeightAverage average =
                        new WeightAverage(HALF_EPOCH, 6, model.block(), model.manager())) {
            assertEquals(DECAY, average.decay(), 1e-7);
        }
    }

    @Test
    void everyWriteOfTheAverageOrOfTheTrainedWeightsTellsTheBlock() throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            CountingBlock block = new CountingBlock();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
            try (WeightAverage average = new WeightAverage(HALF_EPOCH, 6, block, manager)) {
                average.update();
                List<Integer> seen = new ArrayList<>();
                average.withAverage(() -> seen.add(block.changes));
                // the average was written before the action, the trained weights after it
                assertEquals(List.of(1), seen);
                assertEquals(2, block.changes);
                average.apply();
                assertEquals(3, block.changes);
            }
        }
    }

    @Test
    void withoutADevSetTheRunEndsWithTheAverageOfItsTrajectory() throws IOException {
        List<Map<String, float[]>> trajectory = trajectory(false);
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            TinyTask.trainer(model, config("averaged"), TinyTask.supervised(HALF_EPOCH))
                    .optDevSet(null)
                    .build()
                    .fit();

            Map<String, float[]> expected = movingAverage(trajectory, trajectory.size());
            assertWeights(expected, snapshot(model));
            assertDiffer(trajectory.get(trajectory.size() - 1), snapshot(model));
        }
    }

    @Test
    void validationAndTheBestCheckpointSeeTheAverage() throws IOException {
        List<Map<String, float[]>> trajectory = trajectory(true);
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            TrainerResult result =
                    TinyTask.trainer(model, config("averaged"), TinyTask.supervised(HALF_EPOCH))
                            .build()
                            .fit();

            int best = (int) result.bestStep();
            assertTrue(best > 0, "best step " + best);
            assertWeights(movingAverage(trajectory, best), snapshot(model));
            assertEquals(result.bestDevAccuracy(), DevAccuracy.of(model, TinyTask.DEV, 16));
        }
    }

    /**
     * The trained weights after each step of the run without averaging, with or without its dev set
     * (validation does not change the trajectory).
     */
    private List<Map<String, float[]>> trajectory(boolean validated) throws IOException {
        List<Map<String, float[]>> steps = new ArrayList<>();
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            TrainerListener recorder =
                    new TrainerListener() {
                        @Override
                        public void onStep(StepMetrics metrics) {
                            steps.add(snapshot(model));
                        }
                    };
            TinyTask.trainer(model, config("plain"), TinyTask.SUPERVISED)
                    .optDevSet(validated ? TinyTask.DEV : null)
                    .addListener(recorder)
                    .build()
                    .fit();
        }
        assertEquals(30, steps.size());
        return steps;
    }

    /** {@code θ̄_t = a_t / (1 − dᵗ)} with {@code a_t = d·a_{t−1} + (1 − d)·θ_t}, in doubles. */
    private static Map<String, float[]> movingAverage(List<Map<String, float[]>> steps, int t) {
        Map<String, float[]> average = new LinkedHashMap<>();
        for (String name : steps.get(0).keySet()) {
            double[] sum = new double[steps.get(0).get(name).length];
            for (int step = 0; step < t; step++) {
                float[] weight = steps.get(step).get(name);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] = DECAY * sum[i] + (1 - DECAY) * weight[i];
                }
            }
            float[] corrected = new float[sum.length];
            double correction = 1 - Math.pow(DECAY, t);
            for (int i = 0; i < sum.length; i++) {
                corrected[i] = (float) (sum[i] / correction);
            }
            average.put(name, corrected);
        }
        return average;
    }

    private static Map<String, float[]> snapshot(BlockTextClassifier model) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> entry : NamedArrays.trainable(model.block()).entrySet()) {
            weights.put(entry.getKey(), entry.getValue().toFloatArray());
        }
        return weights;
    }

    private static void assertWeights(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach(
                (name, values) -> {
                    for (int i = 0; i < values.length; i++) {
                        assertEquals(values[i], actual.get(name)[i], 1e-5, name + "[" + i + "]");
                    }
                });
    }

    private static void assertDiffer(Map<String, float[]> trained, Map<String, float[]> averaged) {
        double largest = 0;
        for (String name : trained.keySet()) {
            for (int i = 0; i < trained.get(name).length; i++) {
                largest = Math.max(largest, Math.abs(trained.get(name)[i] - averaged.get(name)[i]));
            }
        }
        assertFalse(largest < 1e-3, "the average equals the last weights: " + largest);
    }

    private TinyTask.Training config(String name) {
        return TinyTask.trainingConfig(dir.resolve(name)).build();
    }
}

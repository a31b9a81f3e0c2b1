package io.github.bertdistill.distill.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import io.github.bertdistill.core.engine.EngineBootstrap;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DistillationLossTest {
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
    void crossEntropyMatchesHandComputedValues() {
        // CE([2,1,0], 0) = log(1 + e^-1 + e^-2); CE([0,0,0], 2) = log 3.
        float loss =
                value(
                        new HardLabelLoss(),
                        new long[] {0, 2},
                        new float[][] {null, null},
                        new float[][] {{2, 1, 0}, {0, 0, 0}});
        assertEquals((0.4076059644443804 + Math.log(3)) / 2, loss, 1e-6);
    }

    @Test
    void softTermMatchesHandComputedValueWithTemperatureSquared() {
        // p_t = softmax([1,2,3]/2), q_s uniform: 4 * Σ p log(3p) = 0.31368...
        float loss =
                value(
                        new SoftTargetLoss(2),
                        new long[] {NONE},
                        new float[][] {{1, 2, 3}},
                        new float[][] {{0, 0, 0}});
        assertEquals(0.3136838077651134, loss, 1e-6);
    }

    @Test
    void lossesAreBatchMeansNotElementMeans() {
        float[][] teacher = {{0, 4}, {0, 0}};
        float[][] student = {{1, 2}, {0, 0}};
        float loss = value(new MseLogitLoss(), new long[] {NONE, NONE}, teacher, student);
        // per example: (1² + 2²) and 0; batch mean 2.5, whereas the element mean would be 1.25.
        assertEquals(2.5f, loss, 1e-6);
    }

    @Test
    void alphaOneEqualsCrossEntropy() {
        Random random = new Random(1);
        float[][] student = randomLogits(random, 8, 5, 3);
        float[][] teacher = randomLogits(random, 8, 5, 3);
        long[] labels = {0, 1, 2, 3, 4, 0, 1, 2};

        float distilled = value(DistillationLoss.of(LossKind.KL, 4, 1), labels, teacher, student);
        float djl =
                Loss.softmaxCrossEntropyLoss()
                        .evaluate(
                                new NDList(manager.create(labels)),
                                new NDList(manager.create(student)))
                        .getFloat();
        assertEquals(djl, distilled, 1e-5);
    }

    @Test
    void alphaZeroAtTemperatureOneEqualsKlDivergence() {
        Random random = new Random(2);
        float[][] student = randomLogits(random, 6, 4, 3);
        float[][] teacher = randomLogits(random, 6, 4, 3);
        long[] labels = {0, 1, 2, 3, 0, 1};

        float distilled = value(DistillationLoss.of(LossKind.KL, 1, 0), labels, teacher, student);
        double expected = 0;
        for (int i = 0; i < student.length; i++) {
            expected += klDivergence(teacher[i], student[i], 1);
        }
        assertEquals(expected / student.length, distilled, 1e-5);
    }

    @Test
    void unlabelledExamplesContributeOnlyTheSoftTermWithWeightsRenormalised() {
        float alpha = 0.3f;
        float temperature = 2;
        float[][] student = {{1, 0, -1}, {0.5f, 0.5f, 0}, {2, -1, 0}, {0, 0, 3}};
        float[][] teacher = {{0, 2, 1}, null, {1, 1, -2}, null};
        long[] labels = {2, 0, NONE, NONE}; // labelled+teacher, labelled, teacher only, neither

        float loss =
                value(
                        DistillationLoss.of(LossKind.KL, temperature, alpha),
                        labels,
                        teacher,
                        student);
        double t2 = temperature * temperature;
        double first =
                alpha * crossEntropy(student[0], 2)
                        + (1 - alpha) * t2 * klDivergence(teacher[0], student[0], temperature);
        double second = crossEntropy(student[1], 0);
        double third = t2 * klDivergence(teacher[2], student[2], temperature);
        assertEquals((first + second + third) / 3, loss, 1e-5);
    }

    @Test
    void mseDistillationWeighsHardAndSoftTermsByAlpha() {
        float[][] student = {{1, 2}};
        float[][] teacher = {{0, 4}};
        float loss =
                value(
                        DistillationLoss.of(LossKind.MSE, 10, 0.25f),
                        new long[] {1},
                        teacher,
                        student);
        assertEquals(0.25 * crossEntropy(student[0], 1) + 0.75 * 5, loss, 1e-5);
    }

    @Test
    void temperatureSquaredKeepsSoftGradientsComparableAcrossTemperatures() {
        Random random = new Random(3);
        float[][] student = randomLogits(random, 4, 5, 1);
        float[][] teacher = randomLogits(random, 4, 5, 1);
        double at4 = softGradientNorm(teacher, student, 4);
        double at8 = softGradientNorm(teacher, student, 8);
        double at16 = softGradientNorm(teacher, student, 16);
        // Without T² the norm would fall ~4x per doubling of T; with it, it settles.
        assertEquals(1, at8 / at4, 0.1);
        assertEquals(1, at16 / at8, 0.05);
    }

    @Test
    void staysFiniteAndExactWithVeryLargeLogits() {
        float[][] student = {{1e4f, 0}};
        float[][] teacher = {{0, 1e4f}};
        float hard = value(new HardLabelLoss(), new long[] {1}, teacher, student);
        float soft = value(new SoftTargetLoss(1), new long[] {1}, teacher, student);
        assertEquals(1e4f, hard, 1e-1);
        assertEquals(1e4f, soft, 1e-1);
        assertTrue(Double.isFinite(softGradientNorm(teacher, student, 1)));
    }

    private float value(Loss loss, long[] labels, float[][] teacher, float[][] student) {
        NDList labelList = DistillationLabels.create(manager, labels, teacher, student[0].length);
        return loss.evaluate(labelList, new NDList(manager.create(student))).getFloat();
    }

    private double softGradientNorm(float[][] teacher, float[][] student, float temperature) {
        NDArray logits = manager.create(student);
        logits.setRequiresGradient(true);
        NDList labels =
                DistillationLabels.create(
                        manager, new long[student.length], teacher, student[0].length);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(
                    DistillationLoss.of(LossKind.KL, temperature, 0)
                            .evaluate(labels, new NDList(logits)));
        }
        return logits.getGradient().norm().getFloat();
    }

    private static float[][] randomLogits(Random random, int rows, int classes, float scale) {
        float[][] logits = new float[rows][classes];
        for (float[] row : logits) {
            for (int c = 0; c < classes; c++) {
                row[c] = (float) random.nextGaussian() * scale;
            }
        }
        return logits;
    }

    private static double[] logSoftmax(float[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (float z : logits) {
            max = Math.max(max, z / temperature);
        }
        double sum = 0;
        for (float z : logits) {
            sum += Math.exp(z / temperature - max);
        }
        double[] out = new double[logits.length];
        for (int c = 0; c < logits.length; c++) {
            out[c] = logits[c] / temperature - max - Math.log(sum);
        }
        return out;
    }

    private static double crossEntropy(float[] logits, int label) {
        return -logSoftmax(logits, 1)[label];
    }

    private static double klDivergence(float[] teacher, float[] student, double temperature) {
        double[] logP = logSoftmax(teacher, temperature);
        double[] logQ = logSoftmax(student, temperature);
        double kl = 0;
        for (int c = 0; c < logP.length; c++) {
            kl += Math.exp(logP[c]) * (logP[c] - logQ[c]);
        }
        return kl;
    }
}

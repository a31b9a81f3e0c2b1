package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.BlockTextClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Representation distillation in the training loop: {@code featureWeight > 0}. */
class FeatureMatchingTrainerTest {
    private static final TextDataset TRAIN = TinyTask.TRAIN;
    private static final TextDataset DEV = TinyTask.DEV;
    private static final TeacherFeatures FEATURES =
            TeacherFeatures.of(3, TinyTask.teacherFeatures(TRAIN));

    @TempDir Path dir;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @Test
    void theStudentExposesItsFeaturesAndKeepsItsLogits() {
        try (BlockTextClassifier model = TinyTask.featureClassifier(7)) {
            assertEquals(16, model.featureSize());
            float[][] features = model.features(model.encoder().encodeBatch(DEV.texts()));
            assertEquals(DEV.size(), features.length);
            assertEquals(16, features[0].length);
            assertEquals(DEV.size(), model.logits(DEV.texts()).length);
        }
        try (BlockTextClassifier logitsOnly = TinyTask.classifier(7)) {
            assertEquals(0, logitsOnly.featureSize());
        }
    }

    @Test
    void learnsTheTaskWithTheFeatureTermAndLogsItInTheLoss() throws IOException {
        List<Double> withFeatures = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        try (BlockTextClassifier model = TinyTask.featureClassifier(7)) {
            TrainerResult result =
                    trainer(model, "features", distil(1), withFeatures).build().fit();
            assertTrue(
                    result.bestDevAccuracy() >= 0.95, "dev accuracy " + result.bestDevAccuracy());
        }
        try (BlockTextClassifier model = TinyTask.featureClassifier(7)) {
            trainer(model, "logits", distil(0), without).build().fit();
        }
        // The same initial weights, batches and dropout masks: at the first step the two losses
        // differ exactly by β·(the feature term of the initial projection), which is positive.
        assertTrue(
                withFeatures.get(0) > without.get(0) + 1e-3,
                withFeatures.get(0) + " vs " + without.get(0));
        assertNotEquals(withFeatures.get(29), without.get(29));
    }

    @Test
    void theProjectionIsCheckpointedSoAResumedRunIsTheUninterruptedOne() throws IOException {
        MethodConfig method = distil(1);
        List<Double> uninterrupted = new ArrayList<>();
        float[][] expected;
        try (BlockTextClassifier model = TinyTask.featureClassifier(5)) {
            trainer(model, "whole", method, uninterrupted).build().fit();
            expected = model.logits(DEV.texts());
        }
        try (BlockTextClassifier model = TinyTask.featureClassifier(5)) {
            DistillationTrainer crashing =
                    trainer(model, "crash", method, new ArrayList<>())
                            .addListener(TinyTask.crashAfterStep(13))
                            .build();
            assertThrows(IllegalStateException.class, crashing::fit);
        }
        List<Double> resumed = new ArrayList<>();
        try (BlockTextClassifier model = TinyTask.featureClassifier(99)) { // other weights
            trainer(model, "crash", method, resumed).build().fit();
            assertArrayEquals(expected, model.logits(DEV.texts()));
        }
        assertEquals(uninterrupted.subList(10, 30), resumed);
    }

    @Test
    void stepsDoNotLeaveArraysBehind() throws IOException {
        try (BlockTextClassifier model = TinyTask.featureClassifier(7)) {
            assertEquals(
                    30,
                    TinyTask.assertStepsLeaveNoArrays(
                            model, trainer(model, "run", distil(1), new ArrayList<>())));
        }
    }

    @Test
    void refusesAStudentWithoutFeatures() {
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> trainer(model, "run", distil(1), new ArrayList<>()).build());
            assertTrue(e.getMessage().contains("this student exposes none"), e.getMessage());
        }
    }

    @Test
    void refusesAnExampleWithoutTeacherFeatures() {
        Map<String, float[]> some = new HashMap<>(TinyTask.teacherFeatures(TRAIN));
        some.remove("train-5");
        try (BlockTextClassifier model = TinyTask.featureClassifier(7)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    trainer(model, "run", distil(1), new ArrayList<>())
                                            .optTeacherFeatures(TeacherFeatures.of(3, some))
                                            .build()
                                            .fit());
            assertTrue(
                    e.getMessage().contains("'train-5' has no teacher features"), e.getMessage());
        }
    }

    @Test
    void refusesAMethodWithoutTeacherFeatures() {
        try (BlockTextClassifier model = TinyTask.featureClassifier(7)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    DistillationTrainer.builder()
                                            .setTrainingConfig(config("run").config())
                                            .setOutputDir(dir.resolve("run"))
                                            .setMethodConfig(distil(1))
                                            .setClassifier(model)
                                            .setTrainSet(TRAIN)
                                            .build());
            assertTrue(e.getMessage().contains("no teacher features"), e.getMessage());
        }
    }

    /** KL at T = 1 with α = 0.5 on the teacher's logits, plus {@code β·features}. */
    private static MethodConfig distil(float featureWeight) {
        return MethodConfig.builder()
                .optOptimizer(OptimizerKind.ADAM)
                .optLearningRate(0.02f)
                .optClipNorm(5)
                .optAlpha(Schedule.constant(0.5f))
                .optFeatureWeight(featureWeight)
                .build();
    }

    /** A trainer on {@link #TRAIN} with its logits and features, recording the step losses. */
    private DistillationTrainer.Builder trainer(
            BlockTextClassifier model, String name, MethodConfig method, List<Double> losses) {
        return TinyTask.trainer(model, config(name), method)
                .optSoftTargets(SoftTargets.of(TinyTask.teacherLogits(TRAIN)))
                .optTeacherFeatures(FEATURES)
                .addListener(
                        new TrainerListener() {
                            @Override
                            public void onStep(StepMetrics metrics) {
                                losses.add(metrics.loss());
                            }
                        });
    }

    /** 30 steps, a checkpoint every 5. */
    private TinyTask.Training config(String name) {
        return TinyTask.trainingConfig(dir.resolve(name)).optCheckpointEverySteps(5).build();
    }
}

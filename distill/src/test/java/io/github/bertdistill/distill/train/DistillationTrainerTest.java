package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.BlockTextClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistillationTrainerTest {
    private static final TextDataset TRAIN = TinyTask.TRAIN;
    private static final TextDataset DEV = TinyTask.DEV;
    private static final MethodConfig SUPERVISED = TinyTask.SUPERVISED;

    @TempDir Path dir;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @Test
    void fineTunesOnGoldLabelsAlone() throws IOException {
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            TrainerResult result =
                    TinyTask.trainer(model, config("run").build(), SUPERVISED).build().fit();

            assertEquals(30, result.steps());
            assertTrue(
                    result.bestDevAccuracy() >= 0.95, "dev accuracy " + result.bestDevAccuracy());
            assertEquals(result.bestDevAccuracy(), DevAccuracy.of(model, DEV, 16));
        }
    }

    @Test
    void distilsFromTeacherLogitsOnMixedLabelledAndUnlabelledText() throws IOException {
        // Half the examples keep their gold label only, half have only the teacher's logits.
        List<TextExample> mixed = new ArrayList<>();
        Map<String, float[]> teacher = new HashMap<>();
        for (int i = 0; i < TRAIN.size(); i++) {
            TextExample example = TRAIN.get(i);
            if (i % 2 == 0) {
                mixed.add(example);
            } else {
                mixed.add(TextExample.unlabelled(example.id(), example.text()));
                teacher.put(example.id(), TinyTask.teacherLogits(TRAIN).get(example.id()));
            }
        }
        MethodConfig distil =
                MethodConfig.builder()
                        .optOptimizer(OptimizerKind.ADAM)
                        .optLearningRate(0.02f)
                        .optTemperature(Schedule.linear(4, 1))
                        .optAlpha(Schedule.constant(0.5f))
                        .build();
        List<Float> temperatures = new ArrayList<>();
        TrainerListener recorder =
                new TrainerListener() {
                    @Override
                    public void onStep(StepMetrics metrics) {
                        temperatures.add(metrics.temperature());
                    }
                };
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            TrainerResult result =
                    DistillationTrainer.builder()
                            .setTrainingConfig(config("run").build().config())
                            .setOutputDir(dir.resolve("run"))
                            .setMethodConfig(distil)
                            .setClassifier(model)
                            .setTrainSet(TRAIN.derive("mixed", mixed))
                            .optSoftTargets(SoftTargets.of(teacher))
                            .optDevSet(DEV)
                            .addListener(recorder)
                            .build()
                            .fit();

            assertTrue(
                    result.bestDevAccuracy() >= 0.95, "dev accuracy " + result.bestDevAccuracy());
        }
        assertEquals(4f, temperatures.get(0));
        assertEquals(1 + 3f / 30, temperatures.get(29), 1e-5);
    }

    @Test
    void softTargetsInAnotherLabelOrderAreRefusedWhenTheTrainerIsBuilt() {
        SoftTargets swapped =
                new SoftTargets() {
                    @Override
                    public Optional<float[]> logitsFor(TextExample example) {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<LabelSet> labelOrder() {
                        return Optional.of(LabelSet.of("good", "bad"));
                    }
                };
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    TinyTask.trainer(model, config("swapped").build(), SUPERVISED)
                                            .optSoftTargets(swapped)
                                            .build());
            assertTrue(
                    e.getMessage().startsWith("the teacher logits follow the labels "),
                    e.getMessage());
        }
    }

    @Test
    void theTrainerLooksUpLogitsWithTheExamplesTextSoThatAShiftedFileIsRefused() {
        // as a teacher-logit cache does: logits by id, refused when the id now names another text
        Map<String, String> labelledTexts = new HashMap<>();
        TRAIN.forEach(e -> labelledTexts.put(e.id(), e.text()));
        Map<String, float[]> logits = TinyTask.teacherLogits(TRAIN);
        SoftTargets checked =
                example -> {
                    if (!example.text().equals(labelledTexts.get(example.id()))) {
                        throw new IllegalStateException("another text for " + example.id());
                    }
                    return Optional.ofNullable(logits.get(example.id()));
                };
        List<TextExample> shifted = new ArrayList<>();
        for (int i = 0; i < TRAIN.size(); i++) {
            TextExample next = TRAIN.get((i + 1) % TRAIN.size());
            shifted.add(
                    TextExample.labelled(
                            TRAIN.get(i).id(), next.text(), next.label().orElseThrow()));
        }
        MethodConfig distil = MethodConfig.builder().optAlpha(Schedule.constant(0.1f)).build();
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            DistillationTrainer trainer =
                    TinyTask.trainer(model, config("shifted").build(), distil)
                            .setTrainSet(TRAIN.derive("shifted", shifted))
                            .optSoftTargets(checked)
                            .build();
            IllegalStateException e = assertThrows(IllegalStateException.class, trainer::fit);
            assertTrue(e.getMessage().startsWith("another text for "), e.getMessage());
        }
    }

    @Test
    void distillingWithoutAnyTeacherLogitsIsRefused() throws IOException {
        MethodConfig distil =
                MethodConfig.builder()
                        .optAlpha(Schedule.constant(0.1f))
                        .optTemperature(Schedule.constant(2))
                        .build();
        Map<String, float[]> renamed = new HashMap<>();
        TinyTask.teacherLogits(TRAIN).forEach((id, logits) -> renamed.put("old-" + id, logits));
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            DistillationTrainer trainer =
                    TinyTask.trainer(model, config("no-logits").build(), distil)
                            .optSoftTargets(SoftTargets.of(renamed))
                            .build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, trainer::fit);
            assertTrue(
                    e.getMessage().contains("has teacher logits (its first id is '"),
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve("no-logits")), "refused before any step");
        }
    }

    @Test
    void aResumeWithAnotherLabelOrderIsRefused() throws IOException {
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            TinyTask.trainer(model, config("labels").build(), SUPERVISED).build().fit();
        }
        LabelSet reversed = LabelSet.of("good", "bad");
        try (BlockTextClassifier model = TinyTask.classifier(7, reversed)) {
            DistillationTrainer again =
                    TinyTask.trainer(model, config("labels").build(), SUPERVISED).build();
            IllegalStateException e = assertThrows(IllegalStateException.class, again::fit);
            assertTrue(e.getMessage().contains("another label order"), e.getMessage());
        }
    }

    @Test
    void theSameSeedGivesTheSameMetrics() throws IOException {
        TrainerResult first;
        TrainerResult second;
        try (BlockTextClassifier model = TinyTask.classifier(3)) {
            first = TinyTask.trainer(model, config("a").build(), SUPERVISED).build().fit();
        }
        try (BlockTextClassifier model = TinyTask.classifier(3)) {
            second = TinyTask.trainer(model, config("b").build(), SUPERVISED).build().fit();
        }
        assertSameRun(first, "a", second, "b");
    }

    @ParameterizedTest(name = "averagingEpochs = {0}")
    @ValueSource(floats = {0, 0.5f})
    void resumingAfterACrashReproducesTheUninterruptedRun(float averagingEpochs)
            throws IOException {
        MethodConfig method = TinyTask.supervised(averagingEpochs);
        TrainerResult uninterrupted;
        float[][] expectedLogits;
        try (BlockTextClassifier model = TinyTask.classifier(5)) {
            uninterrupted = TinyTask.trainer(model, everyFiveSteps("whole"), method).build().fit();
            expectedLogits = model.logits(DEV.texts());
        }

        TinyTask.Training crashing = everyFiveSteps("crash");
        crashAtStep13(crashing, method);
        TrainerResult resumed;
        try (BlockTextClassifier model = TinyTask.classifier(99)) { // other initial weights
            resumed = TinyTask.trainer(model, crashing, method).build().fit();
            assertArrayEquals(expectedLogits, model.logits(DEV.texts()));
        }
        assertSameRun(uninterrupted, "whole", resumed, "crash");
    }

    @Test
    void aMovedRunFolderStillResumes() throws IOException {
        TrainerResult uninterrupted;
        try (BlockTextClassifier model = TinyTask.classifier(5)) {
            uninterrupted =
                    TinyTask.trainer(model, everyFiveSteps("whole"), SUPERVISED).build().fit();
        }
        crashAtStep13(everyFiveSteps("before"), SUPERVISED);
        Files.move(dir.resolve("before"), dir.resolve("after"));

        try (BlockTextClassifier model = TinyTask.classifier(99)) { // other initial weights
            assertEquals(
                    uninterrupted,
                    TinyTask.trainer(model, everyFiveSteps("after"), SUPERVISED).build().fit());
        }
    }

    /** The same result, and the same metrics logged step by step in the two run folders. */
    private void assertSameRun(
            TrainerResult expected, String expectedRun, TrainerResult actual, String actualRun)
            throws IOException {
        assertEquals(expected, actual);
        assertEquals(
                TinyTask.loggedMetrics(dir.resolve(expectedRun + "/metrics.jsonl")),
                TinyTask.loggedMetrics(dir.resolve(actualRun + "/metrics.jsonl")));
    }

    /** Supervised training in {@code name} with a checkpoint every 5 steps. */
    private TinyTask.Training everyFiveSteps(String name) {
        return config(name).optCheckpointEverySteps(5).build();
    }

    /** Trains with {@code config} and {@code method} until an injected crash after step 13. */
    private static void crashAtStep13(TinyTask.Training config, MethodConfig method)
            throws IOException {
        try (BlockTextClassifier model = TinyTask.classifier(5)) {
            DistillationTrainer trainer =
                    TinyTask.trainer(model, config, method)
                            .addListener(TinyTask.crashAfterStep(13))
                            .build();
            assertThrows(IllegalStateException.class, trainer::fit);
        }
    }

    @Test
    void aNanLossStopsTheRunAndKeepsTheBestCheckpoint() throws IOException {
        AtomicBoolean poisoned = new AtomicBoolean();
        Map<String, float[]> teacher = TinyTask.teacherLogits(TRAIN);
        SoftTargets targets =
                example ->
                        poisoned.get()
                                ? Optional.of(new float[] {Float.NaN, 0})
                                : Optional.of(teacher.get(example.id()));
        MethodConfig distil =
                MethodConfig.builder()
                        .optOptimizer(OptimizerKind.ADAM)
                        .optLearningRate(0.02f)
                        .optAlpha(Schedule.constant(0.5f))
                        .optTemperature(Schedule.constant(2))
                        .build();
        TrainerListener poison =
                new TrainerListener() {
                    @Override
                    public void onStep(StepMetrics metrics) {
                        poisoned.set(metrics.step() == 14);
                    }
                };
        TinyTask.Training config = config("nan").optEvalEverySteps(4).build();
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            DistillationTrainer trainer =
                    TinyTask.trainer(model, config, distil)
                            .optSoftTargets(targets)
                            .addListener(poison)
                            .build();
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, trainer::fit);
            assertTrue(
                    e.getMessage().startsWith("training stopped at step 15 of 30"), e.getMessage());
            assertTrue(e.getMessage().contains("the loss is NaN"), e.getMessage());
            assertTrue(e.getMessage().contains("step-000000012"), e.getMessage());
        }
        Path best = dir.resolve("nan/best/step-000000012");
        String metrics = Files.readString(best.resolve("metrics.json"));
        try (BlockTextClassifier fresh = TinyTask.classifier(1)) {
            assertTrue(
                    new Checkpoints(dir.resolve("nan"))
                            .restoreBest(fresh.block(), fresh.manager()));
            double accuracy = DevAccuracy.of(fresh, DEV, 16);
            assertTrue(metrics.contains("\"devAccuracy\": " + accuracy), metrics);
        }
    }

    @Test
    void stopsEarlyWhenTheDevAccuracyNoLongerImproves() throws IOException {
        MethodConfig frozen = MethodConfig.builder().optLearningRate(1e-12f).build();
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            TrainerResult result =
                    TinyTask.trainer(
                                    model,
                                    config("early").optEvalEverySteps(2).optPatience(2).build(),
                                    frozen)
                            .build()
                            .fit();

            assertTrue(result.stoppedEarly());
            assertEquals(6, result.steps());
            assertEquals(2, result.bestStep());
        }
    }

    @Test
    void refusesToResumeUnderOtherSettings() throws IOException {
        TinyTask.Training config = config("run").optMaxSteps(3).build();
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            TinyTask.trainer(model, config, SUPERVISED).build().fit();
            MethodConfig other = TinyTask.supervised(0.5f);
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> TinyTask.trainer(model, config, other).build().fit());
            assertTrue(e.getMessage().contains("another method config"), e.getMessage());
        }
    }

    @Test
    void rejectsAnExampleThatTeachesNothing() {
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    DistillationTrainer.builder()
                                            .setTrainingConfig(config("run").build().config())
                                            .setOutputDir(dir.resolve("run"))
                                            .setMethodConfig(SUPERVISED)
                                            .setClassifier(model)
                                            .setTrainSet(TinyTask.unlabelled(TRAIN))
                                            .build()
                                            .fit());
            assertTrue(e.getMessage().contains("'train-0' has neither"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "averagingEpochs = {0}")
    @ValueSource(floats = {0, 0.5f})
    void stepsDoNotLeaveArraysBehind(float averagingEpochs) throws IOException {
        try (BlockTextClassifier model = TinyTask.classifier(7)) {
            MethodConfig method = TinyTask.supervised(averagingEpochs);
            assertEquals(
                    30,
                    TinyTask.assertStepsLeaveNoArrays(
                            model, TinyTask.trainer(model, config("run").build(), method)));
        }
    }

    private TinyTask.Settings config(String name) {
        return TinyTask.trainingConfig(dir.resolve(name));
    }
}

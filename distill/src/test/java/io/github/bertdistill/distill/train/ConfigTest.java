package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.distill.loss.LossKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static final List<String> LABELS = List.of("pos", "neg");

    @Test
    void trainingConfigRoundTripsThroughJson() {
        TrainerConfig config =
                TrainerConfig.builder()
                        .optEpochs(4)
                        .optBatchSize(64)
                        .optEvalEverySteps(100)
                        .optPatience(3)
                        .optSeed(7)
                        .build();
        TrainerConfig read = TrainerConfig.fromJson(config.toJson());

        assertEquals(config, read);
        assertEquals(64, read.batchSize());
    }

    @Test
    void methodConfigRoundTripsThroughJsonAndKeepsDefaultsForMissingKeys() {
        MethodConfig config =
                MethodConfig.builder()
                        .optLossKind(LossKind.MSE)
                        .optTemperature(Schedule.linear(8, 1))
                        .optAlpha(Schedule.constant(0.3f))
                        .optLearningRateSchedule(LearningRateSchedule.LINEAR_DECAY)
                        .optWarmupFraction(0.1f)
                        .optAveragingEpochs(0.5f)
                        .optFeatureWeight(2)
                        .build();
        assertEquals(config, MethodConfig.fromJson(config.toJson()));
        assertEquals(0.5f, MethodConfig.fromJson(config.toJson()).averagingEpochs());
        assertEquals(2, MethodConfig.fromJson(config.toJson()).featureWeight());

        MethodConfig partial = MethodConfig.fromJson("{\"temperature\": {\"from\": 4, \"to\": 4}}");
        assertEquals(4, partial.temperature().valueAt(0.5));
        assertEquals(OptimizerKind.ADAMW, partial.optimizer());
        assertEquals(1, partial.alpha().valueAt(0));
        assertEquals(0, partial.averagingEpochs());
        assertEquals(0, partial.featureWeight());
    }

    @Test
    void unknownKeysAreErrorsNamingTheKey() {
        IllegalArgumentException top =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MethodConfig.fromJson("{\"temprature\": 2}"));
        assertEquals(
                "temprature: unknown key (did you mean 'temperature'?); known keys: alpha,"
                        + " averagingEpochs, clipNorm, featureWeight, learningRate,"
                        + " learningRateSchedule, lossKind, optimizer, temperature, warmupFraction,"
                        + " weightDecay",
                top.getMessage());

        IllegalArgumentException nested =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MethodConfig.fromJson("{\"alpha\": {\"form\": 1, \"to\": 0}}"));
        assertEquals(
                "alpha.form: unknown key (did you mean 'from'?); known keys: from, to",
                nested.getMessage());

        ConfigException folder =
                assertThrows(
                        ConfigException.class,
                        () -> TrainerConfig.fromJson("{\"outputDir\": \"x\"}"));
        assertEquals("outputDir", folder.keyPath());
    }

    @Test
    void invalidValuesAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> MethodConfig.builder().optAlpha(Schedule.linear(1, 1.5f)).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> MethodConfig.builder().optTemperature(Schedule.constant(0)).build());
        IllegalArgumentException averaging =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MethodConfig.fromJson("{\"averagingEpochs\": -1}"));
        assertEquals("averagingEpochs: must be >= 0, got -1.0", averaging.getMessage());
        IllegalArgumentException features =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> MethodConfig.fromJson("{\"featureWeight\": -0.5}"));
        assertEquals("featureWeight: must be >= 0, got -0.5", features.getMessage());
        ConfigException batch =
                assertThrows(
                        ConfigException.class,
                        () -> TrainerConfig.builder().optBatchSize(0).build());
        assertEquals("batchSize: must be >= 1, got 0", batch.getMessage());
        ConfigException high =
                assertThrows(
                        ConfigException.class,
                        () -> MethodConfig.fromJson("{\"alpha\": {\"from\": 0.5, \"to\": 2}}"));
        assertEquals("alpha.to: must be in [0, 1], got 2.0", high.getMessage());
    }

    @Test
    void wrongTypesNameTheKeyAndTheExpectedShape() {
        ConfigException schedule =
                assertThrows(
                        ConfigException.class,
                        () -> MethodConfig.fromJson("{\"temperature\": -2}"));
        assertEquals(
                "temperature: expected an object {\"from\": a number, \"to\": a number}, got -2",
                schedule.getMessage());
        ConfigException epochs =
                assertThrows(
                        ConfigException.class, () -> TrainerConfig.fromJson("{\"epochs\": 2.5}"));
        assertEquals("epochs: expected a whole number, got 2.5", epochs.getMessage());
        ConfigException kind =
                assertThrows(
                        ConfigException.class,
                        () -> MethodConfig.fromJson("{\"lossKind\": \"KLD\"}"));
        assertEquals("lossKind: expected one of KL, MSE, got \"KLD\"", kind.getMessage());
        assertEquals(LossKind.MSE, MethodConfig.fromJson("{\"lossKind\": \"mse\"}").lossKind());
    }

    @Test
    void aCheckpointThatNamesItsOutputFolderStillResumes() {
        TrainingState state =
                TrainingState.start(
                        TrainerConfig.builder().build(),
                        MethodConfig.builder().build(),
                        "abc",
                        LABELS);
        TrainingState older = TrainingState.fromJson(state.toJson());
        older.trainingConfig = older.trainingConfig.replace("{", "{\"outputDir\": \"elsewhere\",");
        older.checkSameRun(state, "x");
    }

    @Test
    void aCheckpointResumesOnlyForTheSameLabelOrder() {
        TrainerConfig training = TrainerConfig.builder().build();
        MethodConfig method = MethodConfig.builder().build();
        TrainingState written = TrainingState.start(training, method, "abc", LABELS);

        IllegalStateException swapped =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                written.checkSameRun(
                                        TrainingState.start(
                                                training, method, "abc", List.of("neg", "pos")),
                                        "x"));
        assertTrue(
                swapped.getMessage().contains("another label order of the classifier"),
                swapped.getMessage());

        JsonObject withoutLabels = JsonParser.parseString(written.toJson()).getAsJsonObject();
        withoutLabels.remove("labels");
        TrainingState older = TrainingState.fromJson(withoutLabels.toString());
        assertNull(older.labels, older.toJson());
        older.checkSameRun(
                TrainingState.start(training, method, "abc", List.of("neg", "pos")), "x");
    }

    @Test
    void schedulesInterpolateOverTheRun() {
        Schedule annealing = Schedule.linear(8, 1);
        assertEquals(8, annealing.valueAt(0));
        assertEquals(4.5f, annealing.valueAt(0.5));
        assertEquals(1, annealing.valueAt(1));
        assertEquals(1, annealing.valueAt(2));
        assertEquals(3, Schedule.constant(3).valueAt(0.7));
    }

    @Test
    void lossFollowsTheTemperatureAndAlphaSchedules() {
        MethodConfig method =
                MethodConfig.builder()
                        .optTemperature(Schedule.linear(5, 1))
                        .optAlpha(Schedule.linear(0, 1))
                        .build();
        assertEquals(0.25f, method.lossAt(0.25).alpha());
        assertEquals(4f, method.temperature().valueAt(0.25));
    }

    @Test
    void learningRateWarmsUpThenDecaysLinearly() {
        MethodConfig bert =
                MethodConfig.builder()
                        .optLearningRate(1f)
                        .optWarmupFraction(0.1f)
                        .optLearningRateSchedule(LearningRateSchedule.LINEAR_DECAY)
                        .build();
        assertEquals(0.1f, bert.learningRateAt(0, 100), 1e-6);
        assertEquals(1f, bert.learningRateAt(9, 100), 1e-6);
        assertEquals(1f, bert.learningRateAt(10, 100), 1e-6);
        assertEquals(0.5f, bert.learningRateAt(55, 100), 1e-6);
        assertEquals(1f / 90, bert.learningRateAt(99, 100), 1e-6);

        MethodConfig constant = MethodConfig.builder().optLearningRate(2f).build();
        assertEquals(2f, constant.learningRateAt(99, 100));
    }

    @Test
    void trainingStateRoundTripsIncludingNaN() {
        TrainingState state =
                TrainingState.start(
                        TrainerConfig.builder().build(),
                        MethodConfig.builder().build(),
                        "abc",
                        LABELS);
        state.step = 12;
        TrainingState read = TrainingState.fromJson(state.toJson());

        assertEquals(12, read.step);
        assertEquals(Double.NaN, read.bestAccuracy);
        read.checkSameRun(state, "here");
    }

    @Test
    void aCheckpointWithoutANewerMethodKeyResumesOnlyUnderThatKeysDefault() {
        TrainerConfig training = TrainerConfig.builder().build();
        TrainingState older =
                TrainingState.start(training, MethodConfig.builder().build(), "abc", LABELS);
        older.methodConfig =
                older.methodConfig.replaceAll(",?\\s*\"(averagingEpochs|featureWeight)\": 0.0", "");
        assertFalse(older.methodConfig.contains("averagingEpochs"), older.methodConfig);
        assertFalse(older.methodConfig.contains("featureWeight"), older.methodConfig);

        older.checkSameRun(
                TrainingState.start(training, MethodConfig.builder().build(), "abc", LABELS), "x");
        MethodConfig averaged = MethodConfig.builder().optAveragingEpochs(0.5f).build();
        IllegalStateException changed =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                older.checkSameRun(
                                        TrainingState.start(training, averaged, "abc", LABELS),
                                        "x"));
        assertTrue(changed.getMessage().contains("another method config"), changed.getMessage());
        MethodConfig matched = MethodConfig.builder().optFeatureWeight(1).build();
        assertThrows(
                IllegalStateException.class,
                () ->
                        older.checkSameRun(
                                TrainingState.start(training, matched, "abc", LABELS), "x"));
    }
}

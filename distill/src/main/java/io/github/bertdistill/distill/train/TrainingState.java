package io.github.bertdistill.distill.train;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.config.StrictJson;
import java.util.List;

/**
 * Everything about a run's progress that a checkpoint must hold besides the arrays, saved as {@code
 * state.json}: counters, the running epoch loss, the best dev accuracy so far and the early
 * stopping count, plus what identifies the run (both configs and the training set's fingerprint),
 * so that a checkpoint is never resumed under other settings.
 */
final class TrainingState {
    /** Steps completed. */
    long step;

    /** Sum of batch-size-weighted losses and examples seen so far in the current epoch. */
    double epochLossSum;

    long epochExamples;

    /** Loss of the last step completed. */
    double lastLoss = Double.NaN;

    /** Best dev accuracy so far and the step it was reached at (-1 before any validation). */
    double bestAccuracy = Double.NaN;

    long bestStep = -1;

    double lastAccuracy = Double.NaN;

    int validationsWithoutImprovement;

    boolean stoppedEarly;

    long optimizerSteps;

    String trainingConfig;

    String methodConfig;

    String trainFingerprint;

    /** The classifier's labels, in its output order (absent from checkpoints written before). */
    List<String> labels;

    /** A fresh state for the run identified by these settings, data and classifier labels. */
    static TrainingState start(
            TrainerConfig training, MethodConfig method, String fingerprint, List<String> labels) {
        TrainingState state = new TrainingState();
        state.trainingConfig = training.toJson();
        state.methodConfig = method.toJson();
        state.trainFingerprint = fingerprint;
        state.labels = List.copyOf(labels);
        return state;
    }

    /**
     * Checks that this checkpoint belongs to the run {@code expected} describes.
     *
     * @throws IllegalStateException naming what differs
     */
    void checkSameRun(TrainingState expected, Object where) {
        check(
                "training config",
                trainerConfig(trainingConfig),
                trainerConfig(expected.trainingConfig),
                where);
        check(
                "method config",
                MethodConfig.fromJson(methodConfig),
                MethodConfig.fromJson(expected.methodConfig),
                where);
        check("training set", trainFingerprint, expected.trainFingerprint, where);
        if (labels != null) {
            check("label order of the classifier", labels, expected.labels, where);
        }
    }

    private static void check(String what, Object found, Object expected, Object where) {
        if (!expected.equals(found)) {
            throw new IllegalStateException(
                    "the checkpoint in "
                            + where
                            + " was written with another "
                            + what
                            + "; resume with the same settings, or use a new output folder.\n"
                            + "checkpoint: "
                            + found
                            + "\nthis run:   "
                            + expected);
        }
    }

    /**
     * The training config of a checkpoint. Checkpoints written before the output folder left the
     * config hold an {@code outputDir}, which is ignored: a moved or copied run folder
     * (checkpoints, a sweep cell) is still the same run. Keys left out (settings added later) read
     * as their defaults, with which such a run was trained.
     */
    private static TrainerConfig trainerConfig(String json) {
        JsonObject tree = JsonParser.parseString(json).getAsJsonObject();
        tree.remove("outputDir");
        return StrictJson.read(tree, TrainerConfig.class);
    }

    String toJson() {
        return StrictJson.GSON.toJson(this);
    }

    static TrainingState fromJson(String json) {
        return StrictJson.GSON.fromJson(json, TrainingState.class);
    }
}

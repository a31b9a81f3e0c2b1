package io.github.bertdistill.examples.pipeline;

import com.google.gson.JsonObject;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.model.TrainableClassifier;
import io.github.bertdistill.distill.train.ConsoleProgressBar;
import io.github.bertdistill.distill.train.DistillationTrainer;
import io.github.bertdistill.distill.train.JsonLinesLog;
import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.distill.train.TrainerConfig;
import io.github.bertdistill.distill.train.TrainerResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One training run of the pipeline — the teacher's fine-tuning or a student's training — with the
 * recipe's engineering and method settings, the JSON-lines log and the progress bar. Teacher and
 * students go through the same loop; only the settings and the soft targets differ.
 */
final class TrainingRun {
    private TrainingRun() {}

    /**
     * Trains {@code classifier} in place; the best dev checkpoint is loaded at the end.
     *
     * @param training the recipe's {@code TrainerConfig} JSON (without {@code outputDir})
     * @param method the method settings (T, α, loss, optimiser)
     * @param folder checkpoints and {@code metrics.jsonl} go here
     * @param seed the run's seed (see {@link #seed}); it replaces any seed in {@code training}
     */
    static TrainerResult fit(
            TrainableClassifier classifier,
            TextDataset train,
            TextDataset dev,
            SoftTargets softTargets,
            JsonObject training,
            MethodConfig method,
            Path folder,
            long seed)
            throws IOException {
        return DistillationTrainer.builder()
                .setTrainingConfig(trainingConfig(training, folder, seed))
                .setMethodConfig(method)
                .setClassifier(classifier)
                .setTrainSet(train)
                .optSoftTargets(softTargets)
                .optDevSet(dev)
                .addListener(new JsonLinesLog(RunFolder.metricsLog(folder)))
                .addListener(new ConsoleProgressBar(System.err))
                .build()
                .fit();
    }

    /**
     * The seed of a training stage: the one its {@code training} settings give, else the recipe's.
     */
    static long seed(JsonObject training, long recipeSeed) {
        return training.has("seed") ? training.get("seed").getAsLong() : recipeSeed;
    }

    /** The recipe's engineering settings with the stage's folder and the run's seed filled in. */
    static TrainerConfig trainingConfig(JsonObject training, Path folder, long seed) {
        JsonObject json = training.deepCopy();
        json.addProperty("outputDir", folder.toString());
        json.addProperty("seed", seed);
        return TrainerConfig.fromJson(json.toString());
    }
}

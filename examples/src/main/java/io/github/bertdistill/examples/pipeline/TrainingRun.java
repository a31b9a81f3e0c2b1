package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.model.TrainableClassifier;
import io.github.bertdistill.distill.train.ConsoleProgressBar;
import io.github.bertdistill.distill.train.DistillationTrainer;
import io.github.bertdistill.distill.train.JsonLinesLog;
import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.distill.train.TeacherFeatures;
import io.github.bertdistill.distill.train.TrainerConfig;
import io.github.bertdistill.distill.train.TrainerResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

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
     * @param training the recipe's engineering settings
     * @param features the teacher's features, for a method that matches them
     * @param method the method settings (T, α, loss, optimiser)
     * @param folder checkpoints and {@code metrics.jsonl} go here
     * @param seed the run's seed; it replaces the seed in {@code training}
     */
    static TrainerResult fit(
            TrainableClassifier classifier,
            TextDataset train,
            TextDataset dev,
            SoftTargets softTargets,
            Optional<TeacherFeatures> features,
            TrainerConfig training,
            MethodConfig method,
            Path folder,
            long seed)
            throws IOException {
        DistillationTrainer.Builder trainer = DistillationTrainer.builder();
        features.ifPresent(trainer::optTeacherFeatures);
        return trainer.setTrainingConfig(training.withSeed(seed))
                .setOutputDir(folder)
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
}

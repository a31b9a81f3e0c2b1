package io.github.bertdistill.examples.pipeline;

import ai.djl.engine.Engine;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.Splits;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 1 of the recipe: fine-tune the pretrained BERT teacher on the labelled training data
 * (supervised, α = 1) and save it in Hugging Face layout. Skipped when the run folder already holds
 * a fine-tuned teacher.
 */
final class TeacherStage {
    private static final Logger LOG = LoggerFactory.getLogger(TeacherStage.class);

    private TeacherStage() {}

    /** Fine-tunes and saves the teacher unless {@code run.teacher()} exists. */
    static void run(Recipe recipe, RunData data, RunFolder run) throws IOException {
        if (Files.isDirectory(run.teacher())) {
            LOG.info("teacher: reusing {}", run.teacher());
            return;
        }
        Recipe.Teacher spec = recipe.teacher;
        if (spec.finetuned != null) {
            LOG.info("teacher: using the fine-tuned teacher {} (no fine-tuning)", spec.finetuned);
            ModelFolders.copy(Path.of(spec.finetuned), run.teacher());
            return;
        }
        TextDataset train = fineTuningSet(data.train(), spec.maxTrainExamples, recipe.seed);
        LOG.info(
                "teacher: fine-tuning {} on {} examples",
                spec.checkpoint == null ? spec.preset : spec.checkpoint,
                train.size());
        try (BertClassifier teacher = pretrained(spec, data.labels(), recipe.seed)) {
            TrainingRun.fit(
                    teacher,
                    train,
                    data.dev(),
                    SoftTargets.none(),
                    Optional.empty(),
                    spec.training,
                    spec.method,
                    run.teacherTraining(),
                    recipe.seed);
            teacher.save(run.teacher());
        }
    }

    /**
     * Checks, before a run folder is made, that this process can fine-tune the recipe's teacher: a
     * preset's weights come in a jar (see the teacher-bert README) that this class path may lack.
     */
    static void requirePretrained(Recipe.Teacher spec) {
        if (spec.finetuned == null
                && spec.checkpoint == null
                && !BertPreset.fromId(spec.preset).isAvailable()) {
            throw new IllegalArgumentException(
                    "teacher.preset: "
                            + spec.preset
                            + ": the jar that carries it is not on the class path (see the"
                            + " teacher-bert README)");
        }
    }

    private static BertClassifier pretrained(Recipe.Teacher spec, LabelSet labels, long seed)
            throws IOException {
        // The new classification head is drawn from the engine's generator: seed it so the same
        // recipe fine-tunes the same teacher.
        Engine.getEngine(EngineBootstrap.ENGINE_NAME).setRandomSeed((int) seed);
        if (spec.checkpoint != null) {
            return BertClassifier.fromCheckpoint(
                    Path.of(spec.checkpoint), labels, spec.pooling, spec.maxLength);
        }
        return BertClassifier.fromPreset(
                BertPreset.fromId(spec.preset), labels, spec.pooling, spec.maxLength);
    }

    /** A stratified sample of at most {@code limit} examples (0 = all). */
    private static TextDataset fineTuningSet(TextDataset train, int limit, long seed) {
        if (limit <= 0 || limit >= train.size()) {
            return train;
        }
        return Splits.stratified(train, (double) limit / train.size(), seed).heldOut();
    }
}

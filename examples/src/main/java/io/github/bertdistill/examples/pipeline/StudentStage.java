package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.distill.train.TrainingResult;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.student.init.EmbeddingInitializer;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.weights.HfCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3 of the recipe: train one TextCNN student — on gold labels, or distilled from the cached
 * teacher logits with or without the augmented text — and save its model folder.
 */
final class StudentStage {
    private static final Logger LOG = LoggerFactory.getLogger(StudentStage.class);

    private StudentStage() {}

    /** Trains and saves the student of {@code role} unless its folder exists. */
    static void run(Recipe recipe, RunData data, Teaching teaching, RunFolder run, StudentRole role)
            throws IOException {
        if (Files.isDirectory(run.student(role.id()))) {
            LOG.info("{}: reusing {}", role.id(), run.student(role.id()));
            return;
        }
        MethodConfig method =
                MethodConfig.fromJson(
                        (role.distilled()
                                        ? recipe.student.distillMethod
                                        : recipe.student.hardMethod)
                                .toString());
        try (TextCnnClassifier student = build(recipe, data, teaching, run, role)) {
            fit(student, recipe, data, teaching, role, method, run.studentTraining(role.id()));
            student.save(run.student(role.id()));
        }
    }

    /**
     * Trains a fresh student of {@code role} with {@code method} in {@code folder} and returns its
     * result, without saving the model (one cell of a sweep).
     */
    static TrainingResult train(
            Recipe recipe,
            RunData data,
            Teaching teaching,
            RunFolder run,
            StudentRole role,
            MethodConfig method,
            Path folder)
            throws IOException {
        try (TextCnnClassifier student = build(recipe, data, teaching, run, role)) {
            return fit(student, recipe, data, teaching, role, method, folder);
        }
    }

    private static TrainingResult fit(
            TextCnnClassifier student,
            Recipe recipe,
            RunData data,
            Teaching teaching,
            StudentRole role,
            MethodConfig method,
            Path folder)
            throws IOException {
        return TrainingRun.fit(
                student,
                trainingSet(data, teaching, role),
                data.dev(),
                role.distilled() ? teaching.softTargets() : SoftTargets.none(),
                recipe.student.training,
                method,
                folder,
                recipe.seed);
    }

    private static TextDataset trainingSet(RunData data, Teaching teaching, StudentRole role) {
        return role == StudentRole.KD_AUG ? teaching.transferSet() : data.train();
    }

    /** A freshly initialised student of {@code role}: vocabulary, architecture, embeddings. */
    private static TextCnnClassifier build(
            Recipe recipe, RunData data, Teaching teaching, RunFolder run, StudentRole role)
            throws IOException {
        Recipe.Student spec = recipe.student;
        TextDataset train = trainingSet(data, teaching, role);
        LOG.info("{}: training on {} examples", role.id(), train.size());
        StudentVocabulary vocabulary = vocabulary(spec, train, run);
        TextCnnConfig config = TextCnnConfig.fromJson(spec.textcnn);
        TextCnnClassifier.Builder builder =
                TextCnnClassifier.builder()
                        .setVocabulary(vocabulary)
                        .setLabels(data.labels())
                        .optConfig(config)
                        .optSeed(recipe.seed);
        if ("teacher".equals(spec.embeddings)) {
            TeacherWordEmbeddings embeddings = teaching.embeddings();
            builder.optEmbeddings(
                    EmbeddingInitializer.fromTeacher(
                            embeddings.tokens(),
                            embeddings.values(),
                            vocabulary.vocabulary(),
                            config.embeddingSize(),
                            recipe.seed));
        } else if (!"random".equals(spec.embeddings)) {
            throw new IllegalArgumentException(
                    "student.embeddings '" + spec.embeddings + "' is not random or teacher");
        }
        return builder.build();
    }

    private static StudentVocabulary vocabulary(
            Recipe.Student spec, TextDataset train, RunFolder run) throws IOException {
        switch (spec.vocabulary) {
            case "wordpiece":
                return StudentVocabulary.wordPiece(
                        run.requireTeacher().resolve(HfCheckpoint.TOKENIZER_FILE));
            case "word":
                return StudentVocabulary.wordBuilder()
                        .optLowerCase(spec.lowerCase)
                        .optMinFrequency(spec.minFrequency)
                        .optMaxSize(spec.maxSize)
                        .build(train.texts());
            case "chinese-char":
                return StudentVocabulary.chineseCharBuilder()
                        .optBigrams(spec.bigrams)
                        .optMinFrequency(spec.minFrequency)
                        .optMaxSize(spec.maxSize)
                        .build(train.texts());
            default:
                throw new IllegalArgumentException(
                        "student.vocabulary '"
                                + spec.vocabulary
                                + "' is not word, wordpiece or chinese-char");
        }
    }
}

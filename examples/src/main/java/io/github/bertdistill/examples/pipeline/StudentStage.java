package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.distill.train.TrainerResult;
import io.github.bertdistill.examples.recipe.InitialEmbeddings;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.student.init.EmbeddingInitializer;
import io.github.bertdistill.student.init.EmbeddingMatrix;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.weights.HfCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3 of the recipe: train one TextCNN student — on gold labels, or distilled from the cached
 * teacher logits with or without the augmented text — with one seed, and save its model folder.
 */
final class StudentStage {
    private static final Logger LOG = LoggerFactory.getLogger(StudentStage.class);

    private StudentStage() {}

    /** Trains and saves {@code student} unless its folder exists. */
    static void run(
            Recipe recipe, RunData data, Teaching teaching, RunFolder run, StudentSeed student)
            throws IOException {
        Path folder = run.student(student.id());
        if (Files.isDirectory(folder)) {
            LOG.info("{}: reusing {}", student.id(), folder);
            return;
        }
        StudentRole role = student.role();
        MethodConfig method =
                role.distilled() ? recipe.student.distillMethod : recipe.student.hardMethod;
        try (TextCnnClassifier classifier = build(recipe, data, teaching, run, student)) {
            fit(
                    classifier,
                    recipe,
                    data,
                    teaching,
                    student,
                    method,
                    run.studentTraining(student.id()));
            classifier.save(folder);
        }
    }

    /**
     * Trains a fresh main student of {@code role} with {@code method} in {@code folder} and returns
     * its result, without saving the model (one cell of a sweep).
     */
    static TrainerResult train(
            Recipe recipe,
            RunData data,
            Teaching teaching,
            RunFolder run,
            StudentRole role,
            MethodConfig method,
            Path folder)
            throws IOException {
        StudentSeed student = StudentSeed.main(recipe, role);
        try (TextCnnClassifier classifier = build(recipe, data, teaching, run, student)) {
            return fit(classifier, recipe, data, teaching, student, method, folder);
        }
    }

    private static TrainerResult fit(
            TextCnnClassifier classifier,
            Recipe recipe,
            RunData data,
            Teaching teaching,
            StudentSeed student,
            MethodConfig method,
            Path folder)
            throws IOException {
        return TrainingRun.fit(
                classifier,
                trainingSet(data, teaching, student.role()),
                data.dev(),
                student.role().distilled() ? teaching.softTargets() : SoftTargets.none(),
                student.role().distilled() ? teaching.teacherFeatures() : Optional.empty(),
                recipe.student.training,
                method,
                folder,
                student.seed());
    }

    private static TextDataset trainingSet(RunData data, Teaching teaching, StudentRole role) {
        return role == StudentRole.KD_AUG ? teaching.transferSet() : data.train();
    }

    /** A freshly initialised {@code student}: vocabulary, architecture, embeddings. */
    private static TextCnnClassifier build(
            Recipe recipe, RunData data, Teaching teaching, RunFolder run, StudentSeed student)
            throws IOException {
        Recipe.Student spec = recipe.student;
        TextDataset train = trainingSet(data, teaching, student.role());
        LOG.info(
                "{}: training on {} examples, seed {}", student.id(), train.size(), student.seed());
        StudentVocabulary vocabulary = vocabulary(spec, train, run);
        TextCnnConfig config = spec.textcnn;
        TextCnnClassifier.Builder builder =
                TextCnnClassifier.builder()
                        .setVocabulary(vocabulary)
                        .setLabels(data.labels())
                        .optConfig(config)
                        .optSeed(student.seed());
        Optional<EmbeddingMatrix> embeddings =
                switch (spec.embeddings) {
                    case TEACHER -> {
                        TeacherWordEmbeddings teacher = teaching.embeddings();
                        yield Optional.of(
                                EmbeddingInitializer.fromTeacher(
                                        teacher.tokens(),
                                        teacher.values(),
                                        vocabulary.vocabulary(),
                                        config.embeddingSize(),
                                        student.seed()));
                    }
                    case TEACHER_CONTEXT ->
                            Optional.of(
                                    EmbeddingInitializer.fromWordVectors(
                                            run.teacherContext(),
                                            vocabulary.vocabulary(),
                                            config.embeddingSize(),
                                            student.seed()));
                    case WORD_VECTORS ->
                            Optional.of(wordVectors(spec, vocabulary, config, student));
                    case RANDOM -> Optional.empty();
                };
        embeddings.ifPresent(
                matrix -> {
                    LOG.info(
                            "{}: {} of the {} tokens start from a {} vector ({}), the others at"
                                    + " random",
                            student.id(),
                            matrix.matchedRows(),
                            matrix.rows(),
                            spec.embeddings == InitialEmbeddings.TEACHER ? "teacher" : "word",
                            String.format(Locale.ROOT, "%.1f %%", 100 * matrix.coverage()));
                    builder.optEmbeddings(matrix);
                });
        return builder.build();
    }

    /** The file's vectors for {@code vocabulary}, scaled to {@code student.wordVectorStd}. */
    private static EmbeddingMatrix wordVectors(
            Recipe.Student spec,
            StudentVocabulary vocabulary,
            TextCnnConfig config,
            StudentSeed student)
            throws IOException {
        EmbeddingMatrix read =
                EmbeddingInitializer.fromWordVectors(
                        Path.of(spec.wordVectors),
                        vocabulary.vocabulary(),
                        config.embeddingSize(),
                        student.seed());
        if (spec.wordVectorStd == 0) {
            return read;
        }
        LOG.info(
                "{}: word vectors scaled from standard deviation {} to {}",
                student.id(),
                String.format(Locale.ROOT, "%.3g", read.std()),
                spec.wordVectorStd);
        return read.scaledToStd(spec.wordVectorStd);
    }

    private static StudentVocabulary vocabulary(
            Recipe.Student spec, TextDataset train, RunFolder run) throws IOException {
        return switch (spec.vocabulary) {
            case WORDPIECE ->
                    StudentVocabulary.wordPiece(
                            run.requireTeacher().resolve(HfCheckpoint.TOKENIZER_FILE));
            case WORD ->
                    StudentVocabulary.wordBuilder()
                            .optLowerCase(spec.lowerCase)
                            .optMinFrequency(spec.minFrequency)
                            .optMaxSize(spec.maxSize)
                            .build(train.texts());
            case CHINESE_CHAR ->
                    StudentVocabulary.chineseCharBuilder()
                            .optBigrams(spec.bigrams)
                            .optMinFrequency(spec.minFrequency)
                            .optMaxSize(spec.maxSize)
                            .build(train.texts());
        };
    }
}

package io.github.bertdistill.examples.readme;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.data.io.DelimitedReader;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.metrics.ClassificationMetrics;
import io.github.bertdistill.core.metrics.ConfusionMatrix;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.core.storage.SafetensorsFile;
import io.github.bertdistill.distill.loss.LossKind;
import io.github.bertdistill.distill.train.DistillationTrainer;
import io.github.bertdistill.distill.train.LearningRateSchedule;
import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.OptimizerKind;
import io.github.bertdistill.distill.train.Schedule;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.distill.train.TrainerConfig;
import io.github.bertdistill.distill.train.TrainerResult;
import io.github.bertdistill.eval.Evaluation;
import io.github.bertdistill.eval.ModelSpec;
import io.github.bertdistill.eval.report.EvaluationReport;
import io.github.bertdistill.eval.report.ReportWriter;
import io.github.bertdistill.eval.report.Roles;
import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.pipeline.StudentJobs;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import io.github.bertdistill.teacher.weights.OnnxWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Java examples of the root README, one method per {@code ```java} block: each method's body is
 * the block, word for word ({@code ReadmeExamplesTest} checks that and runs every method), so the
 * README cannot drift from code that compiles and works.
 */
final class ReadmeExamples {
    private ReadmeExamples() {}

    /** core: read a data set and score predictions. */
    static void core(Path folder) throws Exception {
        Path file = folder.resolve("reviews.tsv");
        Files.writeString(file, "text\tlabel\ntasty and fresh\tgreat\nstale and bland\tother\n");
        TextDataset reviews = DelimitedReader.tsv("text").optLabelColumn("label").readDataset(file);
        LabelSet labels = reviews.inferLabelSet();
        int[] gold = reviews.labelIndices(labels);
        int[] predicted = {0, 0};
        ClassificationMetrics metrics =
                ClassificationMetrics.of(ConfusionMatrix.of(gold, predicted, labels));
        System.out.println("accuracy " + metrics.accuracy() + ", macro F1 " + metrics.macroF1());
    }

    /** teacher-bert: a pretrained preset with a new head, and its logits. */
    static void teacherBert() throws Exception {
        EngineBootstrap.start();
        LabelSet labels = LabelSet.of("great", "other");
        try (BertClassifier teacher =
                BertClassifier.fromPreset(BertPreset.MINILM_L6, labels, Pooling.MEAN, 64)) {
            float[][] logits = teacher.logits(List.of("tasty and fresh", "stale and bland"));
            System.out.println(Arrays.toString(logits[0]));
        }
    }

    /** teacher-bert with distill: fine-tune the teacher on gold labels (α = 1) and save it. */
    static void teacherFineTuning(Path folder) throws Exception {
        EngineBootstrap.start();
        TextDataset train =
                TextDataset.of(
                        "train",
                        List.of(
                                TextExample.labelled("1", "tasty and fresh", "great"),
                                TextExample.labelled("2", "stale and bland", "other")));
        MethodConfig supervised =
                MethodConfig.builder()
                        .optOptimizer(OptimizerKind.ADAMW)
                        .optLearningRate(5e-5f)
                        .optLearningRateSchedule(LearningRateSchedule.LINEAR_DECAY)
                        .optWarmupFraction(0.1f)
                        .build();
        try (BertClassifier teacher =
                BertClassifier.fromPreset(
                        BertPreset.MINILM_L6, train.inferLabelSet(), Pooling.MEAN, 64)) {
            DistillationTrainer.builder()
                    .setTrainingConfig(TrainerConfig.builder().optEpochs(1).optBatchSize(2).build())
                    .setOutputDir(folder.resolve("teacher-training"))
                    .setMethodConfig(supervised)
                    .setClassifier(teacher)
                    .setTrainSet(train)
                    .build()
                    .fit();
            teacher.save(folder.resolve("teacher"));
        }
    }

    /** student-textcnn: build, save, load and predict. */
    static void studentTextCnn(Path folder) throws Exception {
        EngineBootstrap.start();
        List<String> texts = List.of("tasty and fresh", "stale and bland");
        StudentVocabulary vocabulary =
                StudentVocabulary.wordBuilder().optMinFrequency(1).build(texts);
        TextCnnConfig config =
                TextCnnConfig.builder()
                        .optEmbeddingSize(16)
                        .optKernelWidths(1, 2)
                        .optFiltersPerWidth(8)
                        .build();
        try (TextCnnClassifier student =
                TextCnnClassifier.builder()
                        .setVocabulary(vocabulary)
                        .setLabels(LabelSet.of("great", "other"))
                        .optConfig(config)
                        .build()) {
            student.save(folder.resolve("student"));
        }
        try (TextCnnClassifier student = TextCnnClassifier.load(folder.resolve("student"))) {
            Prediction prediction = student.predict("tasty and fresh");
            System.out.println(prediction.label() + " " + prediction.confidence());
        }
    }

    /** distill: distil a student from teacher logits held in memory. */
    static void distill(Path folder) throws Exception {
        EngineBootstrap.start();
        TextDataset train =
                TextDataset.of(
                        "train",
                        List.of(
                                TextExample.labelled("1", "tasty and fresh", "great"),
                                TextExample.labelled("2", "stale and bland", "other")));
        SoftTargets teacherLogits =
                SoftTargets.of(Map.of("1", new float[] {3f, -1f}, "2", new float[] {-2f, 2f}));
        MethodConfig method =
                MethodConfig.builder()
                        .optLossKind(LossKind.KL)
                        .optTemperature(Schedule.constant(4))
                        .optAlpha(Schedule.constant(0.5f))
                        .build();
        try (TextCnnClassifier student =
                TextCnnClassifier.builder()
                        .setVocabulary(
                                StudentVocabulary.wordBuilder()
                                        .optMinFrequency(1)
                                        .build(train.texts()))
                        .setLabels(train.inferLabelSet())
                        .optConfig(TextCnnConfig.builder().optEmbeddingSize(16).build())
                        .build()) {
            TrainerResult result =
                    DistillationTrainer.builder()
                            .setTrainingConfig(
                                    TrainerConfig.builder().optEpochs(3).optBatchSize(2).build())
                            .setOutputDir(folder.resolve("training"))
                            .setMethodConfig(method)
                            .setClassifier(student)
                            .setTrainSet(train)
                            .optSoftTargets(teacherLogits)
                            .build()
                            .fit();
            System.out.println(result);
        }
    }

    /** eval: compare saved models on a test set and write the report. */
    static void eval(Path studentFolder, Path testFile, Path folder) throws Exception {
        TextDataset test =
                DelimitedReader.tsv("text").optLabelColumn("label").readDataset(testFile);
        EvaluationReport report =
                Evaluation.builder()
                        .setDataset(test)
                        .addModel(
                                ModelSpec.builder()
                                        .setName("textcnn")
                                        .setRole(Roles.STUDENT_HARD)
                                        .setLoader(() -> TextCnnClassifier.load(studentFolder))
                                        .optModelDir(studentFolder)
                                        .build())
                        .build()
                        .run();
        ReportWriter.write(report, folder.resolve("report"));
    }

    /** examples: a whole recipe, as 'bert-distill run' does. */
    static void examples(Path recipeFile, Path runFolder) throws Exception {
        Recipe recipe = RecipeLoader.load(recipeFile, List.of("student.training.epochs=1"));
        Path report = Pipeline.run(recipe, runFolder, StudentJobs.sequential());
        System.out.println(report.resolve("report.html"));
    }

    /** Bring your own teacher: an ONNX export of a BERT, made a Hugging Face folder. */
    static void onnxTeacher(Path onnxFile, Path configJson, Path tokenizerJson, Path folder)
            throws Exception {
        Files.createDirectories(folder);
        SafetensorsFile.write(folder.resolve("model.safetensors"), OnnxWeights.read(onnxFile));
        Files.copy(configJson, folder.resolve("config.json"));
        Files.copy(tokenizerJson, folder.resolve("tokenizer.json"));
        LabelSet labels = LabelSet.of("great", "other");
        try (BertClassifier teacher =
                BertClassifier.fromCheckpoint(folder, labels, Pooling.MEAN, 64)) {
            System.out.println(teacher.loadReport().orElseThrow());
        }
    }
}

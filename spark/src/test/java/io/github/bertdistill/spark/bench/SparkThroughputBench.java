package io.github.bertdistill.spark.bench;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.distill.augment.AugmentationConfig;
import io.github.bertdistill.distill.augment.Augmenter;
import io.github.bertdistill.distill.cache.LogitCacheWriter;
import io.github.bertdistill.examples.cli.BertDistillCli;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import io.github.bertdistill.examples.pipeline.RunData;
import io.github.bertdistill.examples.pipeline.SoftTargetRuntime;
import io.github.bertdistill.examples.recipe.DataFormat;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import io.github.bertdistill.spark.Corpus;
import io.github.bertdistill.spark.LabelJob;
import io.github.bertdistill.spark.ScoreJob;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * Throughput of the spark module's jobs next to the single-process paths on the same texts (a
 * {@code main}, not a test): teacher labelling ({@code bert-distill label}'s {@link
 * LogitCacheWriter} against {@link LabelJob}, both on the runtime the default recipe's {@code
 * engine.labelWith} picks: ONNX Runtime on a CPU) with the MiniLM-L6 teacher, and student scoring
 * ({@code bert-distill predict --file} against {@link ScoreJob}). Each configuration runs in its
 * own JVM so that PyTorch's thread count ({@code -Dai.djl.pytorch.num_threads}) can differ; the
 * module's README has the commands and the results.
 *
 * <pre>
 * prepare FOLDER ROWS          corpus of fine-foods reviews and masked/n-gram copies, the models
 * run FOLDER label|score MODE ROWS   MODE: single, single-worker (the same on a thread that is
 *                                    not the JVM's main thread), or a Spark master such as local[2]
 * </pre>
 *
 * Prints one line per run: task, mode, threads, rows, seconds, texts/s.
 */
public final class SparkThroughputBench {
    private static final LabelSet LABELS = LabelSet.of("great", "other");

    private SparkThroughputBench() {}

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[1]);
        if (args[0].equals("prepare")) {
            prepare(folder, Integer.parseInt(args[2]));
            return;
        }
        String task = args[2];
        String mode = args[3];
        int rows = Integer.parseInt(args[4]);
        Path corpus = folder.resolve("corpus-" + rows + ".txt");
        double seconds =
                task.equals("label") ? label(folder, corpus, mode) : score(folder, corpus, mode);
        System.out.printf(
                Locale.ROOT,
                "%s\t%s\tthreads=%s\trows=%d\t%.1f s\t%.1f texts/s%n",
                task,
                mode,
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                rows,
                seconds,
                rows / seconds);
    }

    /**
     * Writes {@code corpus-ROWS.txt} (and its first 2,000 lines as {@code corpus-2000.txt}, for a
     * quick try): fine-foods' training and test reviews followed by augmented copies (masking and
     * n-grams, 9 per review), and saves the MiniLM-L6 teacher (pretrained encoder, new head) and a
     * default-size random student.
     */
    private static void prepare(Path folder, int rows) throws IOException {
        Files.createDirectories(folder);
        Recipe recipe = RecipeLoader.load(null, List.of());
        List<TextExample> reviews = new ArrayList<>();
        for (String name : List.of("train.tsv", "test.tsv")) {
            Path file = folder.resolve(name);
            try (InputStream in =
                    SparkThroughputBench.class
                            .getClassLoader()
                            .getResourceAsStream("datasets/fine-foods/" + name)) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            TextDataset read = RunData.reader(recipe.data, DataFormat.TSV, false).readDataset(file);
            reviews.addAll(read.examples());
        }
        Augmenter augmenter =
                new Augmenter(
                        AugmentationConfig.builder()
                                .optCopies(9)
                                .optReplaceProbability(0)
                                .optSeed(1)
                                .build());
        List<String> texts = new ArrayList<>();
        reviews.forEach(r -> texts.add(r.text().replace('\n', ' ')));
        for (TextExample review : reviews) {
            augmenter.augment(review).forEach(copy -> texts.add(copy.text().replace('\n', ' ')));
        }
        List<String> corpus = texts.subList(0, Math.min(rows, texts.size()));
        Files.write(folder.resolve("corpus-" + corpus.size() + ".txt"), corpus);
        Files.write(folder.resolve("corpus-2000.txt"), corpus.subList(0, 2000));
        EngineBootstrap.start();
        try (BertClassifier teacher =
                BertClassifier.fromPreset(BertPreset.MINILM_L6, LABELS, Pooling.MEAN, 64)) {
            teacher.save(folder.resolve("teacher"));
        }
        try (TextCnnClassifier student =
                TextCnnClassifier.builder()
                        .setVocabulary(StudentVocabulary.wordBuilder().build(corpus))
                        .setLabels(LABELS)
                        .optConfig(TextCnnConfig.builder().build())
                        .build()) {
            student.save(folder.resolve("student"));
        }
        System.out.printf("wrote a corpus of %d texts and its first 2,000%n", corpus.size());
    }

    private static double label(Path folder, Path corpus, String mode) throws IOException {
        Path teacherFolder = folder.resolve("teacher");
        Path output = Files.createTempDirectory(folder, "labels-");
        if (mode.equals("single-worker")) {
            double[] seconds = new double[1];
            Thread worker =
                    new Thread(
                            () -> {
                                try {
                                    seconds[0] = label(folder, corpus, "single");
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
            worker.start();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return seconds[0];
        }
        if (mode.equals("single")) {
            long start = System.nanoTime();
            try (EncodingClassifier teacher = ModelFolders.load(teacherFolder)) {
                TextDataset texts =
                        RunData.reader(new Recipe.Data(), DataFormat.TEXT, false)
                                .readDataset(corpus);
                SoftTargetRuntime runtime =
                        SoftTargetRuntime.of(teacher, new Recipe.EngineSettings().labelWith);
                EncodingClassifier labeller = runtime.labeller(teacher, texts.texts());
                try {
                    LogitCacheWriter.builder()
                            .setTeacher(labeller)
                            .setFingerprint(
                                    runtime.cacheFingerprint(
                                            ModelFolders.fingerprint(teacherFolder, teacher)))
                            .setDirectory(output)
                            .build()
                            .write(texts);
                } finally {
                    if (labeller != teacher) {
                        labeller.close();
                    }
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
        SparkSession spark = session(mode);
        long start = System.nanoTime();
        LabelJob.builder()
                .setSpark(spark)
                .setTeacher(teacherFolder)
                .setCorpus(new Corpus(corpus.toString(), "text", "text", null, "UTF-8", ""))
                .setRecipe(RecipeLoader.load(null, List.of("augmentation.copies=0")))
                .setOutput(output)
                .build()
                .run();
        double seconds = (System.nanoTime() - start) / 1e9;
        spark.stop();
        return seconds;
    }

    private static double score(Path folder, Path corpus, String mode) throws IOException {
        Path student = folder.resolve("student");
        Path output =
                folder.resolve("scores-" + mode.replaceAll("\\W", "") + "-" + System.nanoTime());
        if (mode.equals("single")) {
            long start = System.nanoTime();
            try (PrintWriter out =
                    new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
                int exit =
                        BertDistillCli.newCommandLine()
                                .setOut(out)
                                .execute(
                                        "predict",
                                        "--model",
                                        student.toString(),
                                        "--file",
                                        corpus.toString());
                if (exit != 0) {
                    throw new IllegalStateException("predict failed: " + exit);
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
        SparkSession spark = session(mode);
        long start = System.nanoTime();
        ScoreJob.builder()
                .setSpark(spark)
                .setModel(student)
                .setCorpus(new Corpus(corpus.toString(), "text", "text", null, "UTF-8", ""))
                .setOutput(output.toString())
                .optFormat(ScoreJob.Format.JSONL)
                .build()
                .run();
        double seconds = (System.nanoTime() - start) / 1e9;
        spark.stop();
        return seconds;
    }

    private static SparkSession session(String master) {
        return SparkSession.builder()
                .master(master)
                .appName("bert-distill bench")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
    }
}

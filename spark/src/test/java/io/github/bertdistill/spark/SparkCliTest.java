package io.github.bertdistill.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.distill.cache.CachedLogits;
import io.github.bertdistill.distill.cache.TeacherLogitCache;
import io.github.bertdistill.examples.cli.BertDistillCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bert-distill-spark} in local Spark: scoring against {@code bert-distill predict}, the
 * label command's cache, and the one-line errors of a damaged model folder and an existing output.
 */
class SparkCliTest {
    private static final int TEXTS = 300;

    @TempDir static Path folder;
    private static SparkSession spark;
    private static Path texts;
    private static Path teacher;
    private static Path student;

    @BeforeAll
    static void fixtures() throws IOException {
        spark = SparkFixtures.session();
        Path train = SparkFixtures.fineFoodsTrain(folder);
        List<String> reviews = new ArrayList<>();
        for (String line :
                Files.readAllLines(train, StandardCharsets.UTF_8).subList(1, TEXTS + 1)) {
            reviews.add(line.substring(line.lastIndexOf('\t') + 1));
        }
        texts = Files.write(folder.resolve("reviews.txt"), reviews, StandardCharsets.UTF_8);
        teacher = SparkFixtures.teacher(folder.resolve("teacher"), train);
        student = SparkFixtures.student(folder.resolve("student"), reviews);
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** {@code bert-distill predict --file} on the texts: one JSON object per line, in order. */
    private static List<JsonObject> predict(Path model) {
        Result result =
                run(
                        BertDistillCli.newCommandLine(),
                        "predict",
                        "--model",
                        model.toString(),
                        "--file",
                        texts.toString());
        assertEquals(0, result.exitCode(), result.err());
        return result.out()
                .lines()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .toList();
    }

    private static void assertSameAnswers(
            List<JsonObject> predicted, Map<String, JsonObject> scored) {
        assertEquals(TEXTS, predicted.size());
        assertEquals(TEXTS, scored.size());
        for (int i = 0; i < TEXTS; i++) {
            String id = "reviews.txt:" + (i + 1);
            JsonObject expected = predicted.get(i);
            JsonObject actual = scored.get(id);
            assertEquals(expected.get("label"), actual.get("label"), id);
            JsonObject p = expected.getAsJsonObject("probabilities");
            JsonObject q = actual.getAsJsonObject("probabilities");
            assertEquals(p.keySet(), q.keySet(), id);
            for (String label : p.keySet()) {
                assertEquals(
                        p.get(label).getAsDouble(),
                        q.get(label).getAsDouble(),
                        1e-6,
                        id + " " + label);
            }
        }
    }

    @Test
    void scoringAStudentAsJsonLinesAnswersAsPredict() throws IOException {
        Path output = folder.resolve("student-scores");
        Result result =
                run(
                        SparkCli.newCommandLine(),
                        "score",
                        "--model",
                        student.toString(),
                        "--input",
                        texts.toString(),
                        "--output",
                        output.toString(),
                        "--output-format",
                        "jsonl",
                        "--partitions",
                        "3");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("scored 300 texts into " + output, result.out().strip());
        assertTrue(Files.exists(output.resolve("_SUCCESS")));
        Map<String, JsonObject> scored = new HashMap<>();
        try (Stream<Path> parts = Files.list(output)) {
            for (Path part :
                    parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
                for (String line : Files.readAllLines(part, StandardCharsets.UTF_8)) {
                    JsonObject row = JsonParser.parseString(line).getAsJsonObject();
                    assertEquals(null, scored.put(row.get("id").getAsString(), row), "ids once");
                }
            }
        }
        assertSameAnswers(predict(student), scored);

        Result again =
                run(
                        SparkCli.newCommandLine(),
                        "score",
                        "--model",
                        student.toString(),
                        "--input",
                        texts.toString(),
                        "--output",
                        output.toString());
        assertEquals(2, again.exitCode());
        assertTrue(
                again.err().strip().startsWith("bert-distill: the scoring output "), again.err());
        assertTrue(again.err().contains("exists already"), again.err());
    }

    @Test
    void scoringATeacherAsParquetAnswersAsPredict() throws IOException {
        String output = folder.resolve("teacher-scores").toString();
        long rows =
                ScoreJob.builder()
                        .setSpark(spark)
                        .setModel(teacher)
                        .setCorpus(new Corpus(texts.toString(), "text", "text", null, "UTF-8", ""))
                        .setOutput(output)
                        .optPartitions(2)
                        .build()
                        .run();
        assertEquals(TEXTS, rows);
        Map<String, JsonObject> scored = new HashMap<>();
        for (Row row : spark.read().parquet(output).collectAsList()) {
            JsonObject json = new JsonObject();
            json.addProperty("label", row.getString(row.fieldIndex("label")));
            JsonObject probabilities = new JsonObject();
            Map<String, Float> values = row.getJavaMap(row.fieldIndex("probabilities"));
            values.forEach(probabilities::addProperty);
            json.add("probabilities", probabilities);
            scored.put(row.getString(row.fieldIndex("id")), json);
        }
        assertSameAnswers(predict(teacher), scored);
    }

    /** {@code label} with the fixture's teacher and texts, then {@code more}. */
    private static String[] labelCommand(String... more) {
        List<String> args = new ArrayList<>();
        args.addAll(
                List.of(
                        "label",
                        "--teacher",
                        teacher.toString(),
                        "--input",
                        texts.toString(),
                        "--format",
                        "text"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void theLabelCommandWritesACacheOfTheUnlabelledIds() throws IOException {
        Path cache = folder.resolve("label-cache");
        Result result =
                run(
                        SparkCli.newCommandLine(),
                        labelCommand(
                                "--set",
                                "augmentation.copies=1",
                                // the job labels with --teacher: a recipe may name a preset whose
                                // jar is not on this class path (the shaded jar carries none)
                                "--set",
                                "teacher.preset=bert-base-uncased",
                                "--output",
                                cache.toString()));
        assertEquals(0, result.exitCode(), result.err());
        List<CachedLogits> records = TeacherLogitCache.open(cache).stream().toList();
        assertTrue(records.size() > TEXTS, "the texts and their copies: " + records.size());
        assertTrue(
                records.stream().anyMatch(r -> r.id().equals("unlabelled/reviews.txt:300")),
                "ids as bert-distill gives its unlabelled texts");
        assertTrue(records.stream().anyMatch(r -> r.id().equals("unlabelled/reviews.txt:1#aug0")));
        assertEquals(
                "labelled " + records.size() + " texts into " + cache + " (0 were cached already)",
                result.out().strip());
    }

    @Test
    void aRecipeThatMatchesFeaturesNeedsAFeatureFolderAndGetsTheVectorsInIt() throws IOException {
        Path run = folder.resolve("features-run");
        List<String> args =
                List.of(
                        labelCommand(
                                "--set",
                                "augmentation.copies=0",
                                "--set",
                                "student.distillMethod.featureWeight=10",
                                "--output",
                                run.resolve("logits").toString()));
        spark.sparkContext().setJobGroup("no-features", "features not asked for", false);
        Result refused = run(SparkCli.newCommandLine(), args.toArray(String[]::new));
        assertEquals(2, refused.exitCode());
        List<String> lines = refused.err().strip().lines().toList();
        assertTrue(lines.get(0).contains("add --features <run folder>/features"), refused.err());
        assertEquals(
                0, spark.sparkContext().statusTracker().getJobIdsForGroup("no-features").length);
        spark.sparkContext().clearJobGroup();
        assertFalse(Files.exists(run));

        List<String> withFeatures = new ArrayList<>(args);
        withFeatures.addAll(List.of("--features", run.resolve("features").toString()));
        Result result = run(SparkCli.newCommandLine(), withFeatures.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(
                result.out().strip().endsWith("; teacher features: " + run.resolve("features")),
                result.out());
        TeacherLogitCache vectors = TeacherLogitCache.open(run.resolve("features"));
        assertEquals(TEXTS, vectors.size());
        assertEquals(TeacherLogitCache.open(run.resolve("logits")).size(), vectors.size());
    }

    @Test
    void aDamagedModelFolderIsOneLineNamingItBeforeAnyTask() throws IOException {
        Path damaged = Files.createDirectories(folder.resolve("damaged"));
        Files.writeString(damaged.resolve("config.json"), "{\"format\": \"bert-distill/textcnn\"");
        spark.sparkContext().setJobGroup("damaged-cli", "damaged model", false);
        Result result =
                run(
                        SparkCli.newCommandLine(),
                        "score",
                        "--model",
                        damaged.toString(),
                        "--input",
                        texts.toString(),
                        "--output",
                        folder.resolve("never").toString());
        assertEquals(2, result.exitCode());
        List<String> lines = result.err().strip().lines().toList();
        assertEquals(1, lines.size(), result.err());
        assertTrue(lines.get(0).startsWith("bert-distill: "), lines.get(0));
        assertTrue(lines.get(0).contains(damaged.toString()), lines.get(0));
        assertFalse(lines.get(0).contains("Exception"), lines.get(0));
        assertEquals(
                0, spark.sparkContext().statusTracker().getJobIdsForGroup("damaged-cli").length);
        assertFalse(Files.exists(folder.resolve("never")));
        spark.sparkContext().clearJobGroup();
    }
}

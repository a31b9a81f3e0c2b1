package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.eval.report.ReportWriter;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import io.github.bertdistill.examples.testing.TinyRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code predict}, {@code evaluate} and {@code bench} on tiny saved models, and their errors. */
class ModelCommandsTest {
    private static final byte[] LATIN1_E_ACUTE = {(byte) 0xE9};
    private static final List<String> ONE_ROUND_OF_TWO_TEXTS =
            List.of("--warmup-rounds", "0", "--rounds", "1", "--sentences", "2");

    @TempDir static Path folder;
    private static Path teacher;
    private static Path student;
    private static Path data;

    @BeforeAll
    static void saveModels() throws IOException {
        teacher = TinyRun.teacher(folder.resolve("teacher"), TinyRun.LABELS);
        student = TinyRun.student(folder.resolve("cnn"), TinyRun.LABELS);
        data = TinyRun.data(folder.resolve("test.tsv"), 8);
    }

    @Test
    void predictPrintsOneJsonObjectPerArgument() {
        CliResult result =
                CliResult.run("predict", "--model", student.toString(), "tasty food", "stale");
        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().strip().lines().toList();
        assertEquals(2, lines.size());
        assertPrediction(lines.get(0), "tasty food");
        assertPrediction(lines.get(1), "stale");
    }

    @Test
    void predictReadsAFileLikeADataFile() throws IOException {
        Path texts =
                Files.writeString(folder.resolve("texts.txt"), "\uFEFFgood food\r\nawful\n\n  \n");
        CliResult result =
                CliResult.run("predict", "--model", teacher.toString(), "--file", texts.toString());
        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().strip().lines().toList();
        assertEquals(2, lines.size());
        assertPrediction(lines.get(0), "good food");
        assertPrediction(lines.get(1), "awful");
    }

    @Test
    void predictSaysAFileHoldsNoTexts() throws IOException {
        Path blank = Files.writeString(folder.resolve("blank.txt"), "\n  \n");
        CliResult result =
                CliResult.run("predict", "--model", student.toString(), "--file", blank.toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.out());
        assertEquals(
                "bert-distill: no texts in " + blank + ": nothing to classify",
                result.err().strip());
    }

    @Test
    void predictAnswersLikeOneTextAtATimeAcrossWindowsOfMixedLengths() throws IOException {
        // 300 texts of 1 to 14 words: two windows, each sorted into batches of similar length
        Random random = new Random(3);
        List<String> words = List.of("good", "bad", "tasty", "stale", "fresh", "awful", "love");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < PredictCommand.WINDOW + 44; i++) {
            StringBuilder text = new StringBuilder(words.get(random.nextInt(words.size())));
            for (int n = random.nextInt(14); n > 0; n--) {
                text.append(' ').append(words.get(random.nextInt(words.size())));
            }
            texts.add(text.toString());
        }
        Path file = Files.write(folder.resolve("mixed.txt"), texts);
        for (Path model : List.of(teacher, student)) {
            CliResult result =
                    CliResult.run(
                            "predict", "--model", model.toString(), "--file", file.toString());
            assertEquals(0, result.exitCode(), result.toString());
            List<String> lines = result.out().strip().lines().toList();
            assertEquals(texts.size(), lines.size());
            try (TextClassifier classifier = ModelFolders.load(model)) {
                for (int i = 0; i < texts.size(); i++) {
                    JsonObject json = JsonParser.parseString(lines.get(i)).getAsJsonObject();
                    assertEquals(texts.get(i), json.get("text").getAsString());
                    Prediction alone = classifier.predict(texts.get(i));
                    assertEquals(alone.label(), json.get("label").getAsString(), lines.get(i));
                    JsonObject probabilities = json.getAsJsonObject("probabilities");
                    for (int c = 0; c < TinyRun.LABELS.size(); c++) {
                        assertEquals(
                                alone.probabilities()[c],
                                probabilities.get(TinyRun.LABELS.name(c)).getAsFloat(),
                                1e-5,
                                lines.get(i));
                    }
                }
            }
        }
    }

    @Test
    void predictReadsStandardInputWithoutTexts() {
        CliResult result =
                CliResult.withInput(
                        "fresh\nbland\nlove it\n".getBytes(StandardCharsets.UTF_8),
                        "predict",
                        "--model",
                        student.toString());
        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().strip().lines().toList();
        assertEquals(3, lines.size());
        assertPrediction(lines.get(2), "love it");
    }

    @Test
    void predictStopsAtInvalidUtf8InAFileAfterAnsweringTheLinesBefore() throws IOException {
        Path texts = folder.resolve("latin1.txt");
        Files.write(texts, concat("fresh\ntasty\ncaf", LATIN1_E_ACUTE, "\nbland\n"));

        CliResult result =
                CliResult.run("predict", "--model", student.toString(), "--file", texts.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: "
                        + texts
                        + ":3: bytes that are not valid UTF-8 at byte offset 15 (line 3)",
                result.errorLine());
        List<String> lines = result.out().strip().lines().toList();
        assertEquals(2, lines.size(), result.out());
        assertPrediction(lines.get(1), "tasty");
    }

    @Test
    void predictStopsAtInvalidUtf8OnStandardInput() {
        CliResult result =
                CliResult.withInput(
                        concat("fresh\ncaf", LATIN1_E_ACUTE, "\n"),
                        "predict",
                        "--model",
                        student.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: standard input:2: bytes that are not valid UTF-8 at byte offset 9"
                        + " (line 2)",
                result.errorLine());
        assertEquals(1, result.out().strip().lines().count(), result.out());
    }

    @Test
    void predictRefusesABlankLineBeforeATextAsTheDataReadersDo() {
        CliResult result =
                CliResult.withInput(
                        "fresh\n\nbland\n".getBytes(StandardCharsets.UTF_8),
                        "predict",
                        "--model",
                        student.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("bert-distill: standard input:2: blank line", result.errorLine());
        assertEquals(1, result.out().strip().lines().count(), result.out());
    }

    @Test
    void predictRefusesAnEmptyTextArgumentBeforeLoadingTheModel() {
        CliResult result =
                CliResult.run(
                        "predict", "--model", folder.resolve("no-model").toString(), "fine", " ");

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: text argument 2 is empty or blank: give a text to classify, or"
                        + " leave it out",
                result.errorLine());
        assertEquals("", result.out());
    }

    @Test
    void predictTakesATorchScriptFolder() throws IOException {
        Path traced = Files.createDirectories(folder.resolve("traced"));
        Path fixture = Path.of("../teacher-bert/src/test/resources/torchscript");
        Files.copy(fixture.resolve("tiny-classifier.pt"), traced.resolve("model.pt"));
        Files.copy(fixture.resolve("tokenizer.json"), traced.resolve("tokenizer.json"));
        Files.writeString(
                traced.resolve("labels.json"),
                LabelSet.of("negative", "neutral", "positive").toJson());
        Files.writeString(traced.resolve("config.json"), "{\"max_length\": 16}");

        CliResult result =
                CliResult.run("predict", "--model", traced.toString(), "a very good film");
        assertEquals(0, result.exitCode(), result.toString());
        JsonObject json = JsonParser.parseString(result.out().strip()).getAsJsonObject();
        assertEquals("negative", json.get("label").getAsString(), result.out());
        assertEquals(3, json.getAsJsonObject("probabilities").size());
    }

    @Test
    void predictNamesAMissingModelFolder() {
        Path missing = folder.resolve("no-model");
        CliResult result = CliResult.run("predict", "--model", missing.toString(), "text");
        assertEquals(2, result.exitCode());
        assertEquals("bert-distill: model folder not found: " + missing, result.err().strip());
    }

    @Test
    void evaluateWritesTheReport() {
        Path report = folder.resolve("report");
        CliResult result =
                quickly("evaluate", "--role", "cnn=student-kd", "--output", report.toString());
        assertEquals(0, result.exitCode(), result.toString());
        for (String file :
                List.of(
                        ReportWriter.JSON_FILE,
                        ReportWriter.MARKDOWN_FILE,
                        ReportWriter.HTML_FILE)) {
            assertTrue(Files.isRegularFile(report.resolve(file)), file);
        }
        assertTrue(result.out().contains("report.html"), result.out());
    }

    @Test
    void evaluateRefusesAModelWhoseLabelsDoNotMatchTheData() throws IOException {
        Path other = TinyRun.student(folder.resolve("other-labels"), LabelSet.of("neg", "pos"));
        Path report = folder.resolve("mismatch-report");
        CliResult result =
                CliResult.run(
                        "evaluate",
                        "--data",
                        data.toString(),
                        "--model",
                        "cnn=" + other,
                        "--output",
                        report.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(
                result.err().contains(other + " does not know: [great, other] (first at test.tsv:")
                        && result.err().contains("the model knows [neg, pos]"),
                result.err());
        assertFalse(Files.exists(report), "nothing is written");
    }

    @Test
    void evaluateNamesALabelColumnThatDoesNotExist() {
        CliResult result =
                CliResult.run(
                        "evaluate",
                        "--data",
                        data.toString(),
                        "--label-column",
                        "stars",
                        "--model",
                        "cnn=" + student);
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(
                result.err().startsWith("bert-distill: ")
                        && result.err().contains("stars")
                        && result.err().contains(data.toString()),
                result.err());
    }

    @Test
    void benchPrintsARowPerModelAndWritesTheTableToOutput() throws IOException {
        Path table = folder.resolve("bench").resolve("table.txt");
        CliResult result = quickly("bench", "--output", table.toString());
        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertTrue(lines.get(0).startsWith("model"), result.out());
        assertTrue(lines.get(0).contains("speed-up"), result.out());
        assertTrue(lines.get(1).startsWith("bert "), result.out());
        assertTrue(lines.get(2).startsWith("cnn "), result.out());
        // the first model is the baseline
        assertEquals("1.0x", speedup(lines.get(1)), result.out());
        assertTrue(lines.contains("texts: " + data + " (8 texts)"), result.out());
        // the last line, or the one before a warning that the machine was busy
        String measuredOn =
                lines.stream()
                        .filter(line -> line.startsWith("measured on "))
                        .findFirst()
                        .orElse("");
        assertTrue(
                measuredOn.startsWith("measured on ")
                        && measuredOn.contains(
                                Runtime.getRuntime().availableProcessors() + " cores"),
                result.out());
        assertEquals(result.out(), Files.readString(table));
    }

    @Test
    void benchWarnsWhenTheMachineWasBusy() {
        assertEquals("", LatencyTable.busyWarning(0.9, 2));
        assertEquals("", LatencyTable.busyWarning(-1, 2)); // no load average on this system
        assertTrue(
                LatencyTable.busyWarning(1.0, 2)
                        .startsWith(
                                "warning: the machine was busy as bench began (load average 1.0"
                                        + " over the last minute, 2 cores)"));
    }

    @Test
    void benchComparesWithTheBaselineItIsGiven() {
        CliResult result = quickly("bench", "--baseline", "cnn");
        assertEquals(0, result.exitCode(), result.toString());
        List<String> lines = result.out().lines().toList();
        assertEquals("1.0x", speedup(lines.get(2)), result.out());
        // bert's speed-up over cnn is cnn's p50 over bert's, as the rows print them
        double bertP50 = Double.parseDouble(lines.get(1).split("\\s+")[1]);
        double cnnP50 = Double.parseDouble(lines.get(2).split("\\s+")[1]);
        double printed = Double.parseDouble(speedup(lines.get(1)).replace("x", ""));
        assertEquals(cnnP50 / bertP50, printed, 0.05 * cnnP50 / bertP50 + 0.05, result.out());
        assertTrue(result.out().contains("speed-up: cnn's p50 over the model's"), result.out());
    }

    @Test
    void benchRefusesABaselineThatNamesNoModelBeforeLoadingAny() {
        CliResult result = quickly("bench", "--baseline", "bret");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(
                result.err().contains("--baseline bret names no --model; models: bert, cnn"),
                result.err());
    }

    @Test
    void benchReplacesItsOwnTableButNoOtherFile() throws IOException {
        Path table = folder.resolve("again").resolve("table.txt");
        assertEquals(0, quickly("bench", "--output", table.toString()).exitCode());
        assertEquals(0, quickly("bench", "--output", table.toString()).exitCode());
        Path own = Files.copy(data, folder.resolve("own.tsv"));
        byte[] before = Files.readAllBytes(own);
        CliResult result = quickly("bench", "--output", own.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("is a file bench did not write"), result.err());
        assertArrayEquals(before, Files.readAllBytes(own));
    }

    @Test
    void aModelOrRoleNameGivenTwiceIsRefusedNotDropped() {
        for (String command : List.of("bench", "evaluate")) {
            CliResult result = quickly(command, "--model", "cnn=" + teacher);
            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(
                    result.err()
                            .contains(
                                    "--model cnn is given twice ("
                                            + student
                                            + " and "
                                            + teacher
                                            + "): give each its own name"),
                    result.err());
        }
        CliResult noName = quickly("bench", "--model", "=" + teacher);
        assertEquals(2, noName.exitCode(), noName.toString());
        assertTrue(noName.err().contains("expected NAME=VALUE"), noName.err());
        CliResult roles = quickly("evaluate", "--role", "cnn=student-kd", "--role", "cnn=teacher");
        assertEquals(2, roles.exitCode(), roles.toString());
        assertTrue(
                roles.err().contains("--role cnn is given twice (student-kd and teacher)"),
                roles.err());
    }

    @Test
    void benchTimesTextsWithoutLabels() throws IOException {
        Path unlabelled =
                Files.writeString(folder.resolve("unlabelled.tsv"), "text\ngood food\nstale\n");
        Path plain = Files.writeString(folder.resolve("plain.txt"), "good food\nstale\n");
        List<String[]> reads =
                List.of(
                        new String[] {"--data", unlabelled.toString()},
                        new String[] {"--data", plain.toString(), "--format", "text"});
        for (String[] read : reads) {
            CliResult result = onStudent("bench", read);
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.out().contains(" (2 texts)"), result.out());
        }
    }

    @Test
    void dataWithoutTextsOrInJsonIsRefusedNamingTheFile() throws IOException {
        Path headerOnly = Files.writeString(folder.resolve("header.tsv"), "text\tlabel\n");
        Path json = Files.writeString(folder.resolve("data.json"), "[{\"text\": \"good\"}]");
        for (String command : List.of("bench", "evaluate")) {
            CliResult empty = onData(command, headerOnly);
            assertEquals(2, empty.exitCode(), empty.toString());
            assertTrue(empty.err().contains(headerOnly + ": no texts in it"), empty.err());
            CliResult array = onData(command, json);
            assertEquals(2, array.exitCode(), array.toString());
            assertTrue(array.err().contains("give --format jsonl"), array.err());
        }
    }

    @Test
    void evaluateNamesAJsonLineWithoutLabelAnUnknownCharsetAndABadOption() throws IOException {
        Path unlabelled =
                Files.writeString(
                        folder.resolve("nolabel.jsonl"),
                        "{\"text\": \"good\", \"label\": \"great\"}\n{\"text\": \"stale\"}\n");
        CliResult missing = onData("evaluate", unlabelled);
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains(unlabelled + ":2"), missing.err());
        assertTrue(missing.err().contains("label"), missing.err());
        CliResult rounds =
                CliResult.run(
                        "evaluate",
                        "--data",
                        data.toString(),
                        "--model",
                        "cnn=" + student,
                        "--rounds",
                        "0");
        assertEquals(2, rounds.exitCode(), rounds.toString());
        assertTrue(rounds.err().contains("--rounds: must be >= 1, got 0"), rounds.err());
        CliResult charset = quickly("evaluate", "--charset", "BOGUS");
        assertEquals(2, charset.exitCode(), charset.toString());
        assertTrue(
                charset.err().contains("--charset: 'BOGUS' is not a character set this Java knows"),
                charset.err());
    }

    /** {@code command} on the tiny student with {@code file} as its data. */
    private CliResult onData(String command, Path file) {
        return onStudent(
                command,
                "--data",
                file.toString(),
                "--output",
                folder.resolve(command + "-out").toString());
    }

    /**
     * {@code command} on the tiny student alone, timing one round of two texts, then {@code extra}.
     */
    private CliResult onStudent(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--model", "cnn=" + student));
        args.addAll(ONE_ROUND_OF_TWO_TEXTS);
        args.addAll(List.of(extra));
        return CliResult.run(args.toArray(String[]::new));
    }

    @Test
    void benchWithoutDataTimesTheEmbeddedTestSetsTexts() {
        CliResult result = onStudent("bench");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(
                result.out()
                        .contains(
                                "texts: the test set of the default recipe,"
                                        + " classpath:datasets/fine-foods/test.tsv ("),
                result.out());
    }

    /** The speed-up column of a table row: the sixth, after the name and four times. */
    private static String speedup(String row) {
        return row.split("\\s+")[5];
    }

    @Test
    void benchProfilesEveryModelIntoTheProfileFolder() throws IOException {
        Path profiles = folder.resolve("profiles");
        CliResult result =
                quickly("bench", "--profile", profiles.toString(), "--profile-calls", "3");
        assertEquals(0, result.exitCode(), result.toString());
        String summary = Files.readString(profiles.resolve("profile.txt"));
        assertTrue(result.out().endsWith(summary), result.out());
        for (String model : List.of("bert", "cnn")) {
            assertTrue(Files.size(profiles.resolve(model + ".trace.json")) > 0, model);
            assertTrue(summary.contains("## " + model + " (" + model + ".trace.json)"), summary);
        }
        // each section lists its own model's operations: the teacher's layer norms, the
        // student's one matrix product for a single text and no layer norm
        String[] sections = summary.split("## ");
        assertTrue(sections[1].startsWith("bert") && sections[1].contains("layer_norm"), summary);
        assertTrue(
                sections[2].startsWith("cnn")
                        && sections[2].contains("aten::mm ")
                        && !sections[2].contains("layer_norm"),
                summary);
        assertEquals(
                2, summary.lines().filter(line -> line.startsWith("per call, 3 calls")).count());
    }

    /**
     * {@code command} on the tiny teacher and student, timing one round of two texts, then {@code
     * extra}.
     */
    private CliResult quickly(String command, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                command,
                                "--data",
                                data.toString(),
                                "--model",
                                "bert=" + teacher,
                                "--model",
                                "cnn=" + student));
        args.addAll(ONE_ROUND_OF_TWO_TEXTS);
        args.addAll(List.of(extra));
        return CliResult.run(args.toArray(String[]::new));
    }

    @Test
    void benchRefusesAProfileWhenAModelNameIsNoFileName() throws IOException {
        CliResult result =
                CliResult.run(
                        "bench",
                        "--data",
                        data.toString(),
                        "--model",
                        "my/cnn=" + student,
                        "--profile",
                        folder.resolve("profiles").toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("'my/cnn' is not a file name"), result.err());
        assertTrue(Files.notExists(folder.resolve("profiles")));
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object part : parts) {
            bytes.writeBytes(
                    part instanceof byte[] array
                            ? array
                            : ((String) part).getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void assertPrediction(String line, String text) {
        JsonObject json = JsonParser.parseString(line).getAsJsonObject();
        assertEquals(text, json.get("text").getAsString());
        assertTrue(TinyRun.LABELS.contains(json.get("label").getAsString()), line);
        JsonObject probabilities = json.getAsJsonObject("probabilities");
        double sum =
                probabilities.get("great").getAsDouble() + probabilities.get("other").getAsDouble();
        assertEquals(1.0, sum, 1e-5, line);
    }
}

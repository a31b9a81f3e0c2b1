package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import io.github.bertdistill.examples.pipeline.OnnxExport;
import io.github.bertdistill.examples.testing.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bert-distill export}: the folders it writes, that an exported teacher predicts like the
 * teacher (through ONNX Runtime), and what it refuses.
 */
class ExportCommandTest {
    private static final String ORT = OrtEnvironment.getEnvironment().getVersion();

    @TempDir Path folder;

    @Test
    void anExportedTeacherPredictsLikeTheTeacher() throws Exception {
        Path teacher = TinyRun.teacher(folder.resolve("teacher"), TinyRun.LABELS);
        Path exported = folder.resolve("exports/teacher");
        CliResult export =
                CliResult.run(
                        "export", "--model", teacher.toString(), "--output", exported.toString());
        assertEquals(0, export.exitCode(), export.toString());
        assertEquals("exported: " + exported, export.out().strip());
        assertEquals(ModelFolders.Kind.ONNX, ModelFolders.kind(exported));
        JsonObject config = config(exported);
        assertEquals("teacher", config.get("exported_from").getAsString());
        assertEquals(16, config.get("max_length").getAsInt());
        // Python's tokenizers read the same length from the exported tokenizer.json
        JsonObject tokenizer =
                JsonParser.parseString(Files.readString(exported.resolve("tokenizer.json")))
                        .getAsJsonObject();
        assertEquals(16, tokenizer.getAsJsonObject("truncation").get("max_length").getAsInt());
        assertTrue(tokenizer.get("padding").isJsonNull());
        String readme = Files.readString(exported.resolve("README.md"));
        assertTrue(readme.contains("token_type_ids"), readme);
        assertTrue(readme.contains("Tokenizer.from_file(\"tokenizer.json\")"), readme);
        assertFalse(readme.contains("bert_distill_words"), readme);
        assertFalse(Files.exists(exported.resolve(OnnxExport.PYTHON_TOKENIZER)));

        List<String> texts = List.of("good fresh", "bad bland stale", "love");
        assertSamePredictions(predict(teacher, texts), predict(exported, texts));
    }

    /** Each line's label and probabilities agree to 1e-5. */
    private static void assertSamePredictions(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonObject a = JsonParser.parseString(expected.get(i)).getAsJsonObject();
            JsonObject b = JsonParser.parseString(actual.get(i)).getAsJsonObject();
            assertEquals(a.get("label"), b.get("label"));
            for (String label : TinyRun.LABELS.names()) {
                assertEquals(
                        a.getAsJsonObject("probabilities").get(label).getAsDouble(),
                        b.getAsJsonObject("probabilities").get(label).getAsDouble(),
                        1e-5);
            }
        }
    }

    @Test
    void anExportedWordPieceStudentPredictsLikeTheStudentOnTextsLongerThanItReads()
            throws Exception {
        Path student = TinyRun.wordPieceStudent(folder.resolve("student"), TinyRun.LABELS);
        Path exported = folder.resolve("student-onnx");
        CliResult export = exportOnnx(student, exported);
        assertEquals(0, export.exitCode(), export.toString());
        // the student reads 16 tokens: it must not see the end of the long texts
        String start = "the ".repeat(16);
        List<String> texts =
                List.of("good fresh", start + "awful bland stale", start + "love great");
        assertSamePredictions(predict(student, texts), predict(exported, texts));
    }

    @Test
    void anEvaluationOfExportsBesideTrainedModelsNamesEachEngine() throws Exception {
        Path student = TinyRun.wordPieceStudent(folder.resolve("student"), TinyRun.LABELS);
        Path exported = folder.resolve("student-onnx");
        assertEquals(0, exportOnnx(student, exported).exitCode());
        Path data = TinyRun.data(folder.resolve("test.tsv"), 8);
        String mixed = evaluate(data, "cnn=" + student, "onnx=" + exported);
        assertTrue(mixed.startsWith("Every model ran on PyTorch "), mixed);
        assertTrue(mixed.endsWith(", except `onnx`, which ran on OnnxRuntime " + ORT + "."), mixed);
        JsonArray models =
                JsonParser.parseString(
                                Files.readString(folder.resolve("report-2").resolve("report.json")))
                        .getAsJsonObject()
                        .getAsJsonArray("models");
        assertFalse(models.get(0).getAsJsonObject().has("engine"));
        assertEquals("OnnxRuntime", models.get(1).getAsJsonObject().get("engine").getAsString());
        assertEquals(ORT, models.get(1).getAsJsonObject().get("engine_version").getAsString());
        String onnxOnly = evaluate(data, "onnx=" + exported);
        assertTrue(onnxOnly.startsWith("Every model ran on OnnxRuntime " + ORT + " ("), onnxOnly);
        assertFalse(onnxOnly.contains("except"), onnxOnly);
    }

    /** The "Every model ran on …" line of {@code evaluate}'s report on {@code models}. */
    private String evaluate(Path data, String... models) throws Exception {
        Path report = folder.resolve("report-" + models.length);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "evaluate",
                                "--data",
                                data.toString(),
                                "--output",
                                report.toString(),
                                "--warmup-rounds",
                                "0",
                                "--rounds",
                                "1",
                                "--sentences",
                                "2"));
        for (String model : models) {
            args.addAll(List.of("--model", model));
        }
        CliResult result = CliResult.run(args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.toString());
        return Files.readString(report.resolve("report.md"))
                .lines()
                .filter(line -> line.startsWith("Every model ran on"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aWordStudentGetsItsGraphVocabularyAndReadme() throws Exception {
        Path student = TinyRun.student(folder.resolve("student"), TinyRun.LABELS);
        Path exported = folder.resolve("student-onnx");
        Files.createDirectories(exported); // an empty folder may be the output
        CliResult export = exportOnnx(student, exported);
        assertEquals(0, export.exitCode(), export.toString());
        for (String file :
                List.of("model.onnx", "labels.json", "config.json", "vocab.txt", "README.md")) {
            assertTrue(Files.isRegularFile(exported.resolve(file)), file);
        }
        assertFalse(Files.exists(exported.resolve("tokenizer.json")), "a word rule has none");
        assertEquals("word", config(exported).get("vocabulary").getAsString());
        assertEquals(
                Files.readString(student.resolve("vocab.txt")),
                Files.readString(exported.resolve("vocab.txt")));
        String readme = Files.readString(exported.resolve("README.md"));
        assertFalse(readme.contains("{{"));
        // its Python lines tokenize with the word rule shipped beside them, not a tokenizer.json
        assertTrue(Files.isRegularFile(exported.resolve(OnnxExport.PYTHON_TOKENIZER)));
        assertTrue(readme.contains("from bert_distill_words import Encoder"), readme);
        assertFalse(readme.contains("Tokenizer.from_file"), readme);
        // it runs outside the JVM: predict says so and names what to give instead
        CliResult predict = CliResult.run("predict", "--model", exported.toString(), "tasty");
        assertEquals(2, predict.exitCode(), predict.toString());
        assertTrue(
                predict.err()
                        .contains(
                                exported
                                        + " is the ONNX export of a word or character student,"
                                        + " which runs outside the JVM"),
                predict.toString());
    }

    @Test
    void itRefusesExportsAndFullFolders() throws Exception {
        Path student = TinyRun.student(folder.resolve("student"), TinyRun.LABELS);
        Path exported = folder.resolve("student-onnx");
        assertEquals(
                0,
                CliResult.run(
                                "export",
                                "--model",
                                student.toString(),
                                "--output",
                                exported.toString())
                        .exitCode());
        long written = Files.getLastModifiedTime(exported.resolve("model.onnx")).toMillis();

        CliResult again =
                CliResult.run(
                        "export", "--model", student.toString(), "--output", exported.toString());
        assertEquals(2, again.exitCode(), again.toString());
        assertEquals(
                "bert-distill: "
                        + exported
                        + " exists and is not empty: give a new --output folder (an export never"
                        + " replaces files)",
                again.errorLine());
        assertEquals(written, Files.getLastModifiedTime(exported.resolve("model.onnx")).toMillis());

        Path copied = folder.resolve("copy");
        Files.createDirectories(copied);
        Files.copy(exported.resolve("model.onnx"), copied.resolve("model.onnx"));
        CliResult ofExport =
                CliResult.run(
                        "export",
                        "--model",
                        copied.toString(),
                        "--output",
                        folder.resolve("x").toString());
        assertEquals(2, ofExport.exitCode(), ofExport.toString());
        assertTrue(ofExport.errorLine().contains("is an ONNX export already"), ofExport.err());

        CliResult badFormat =
                CliResult.run(
                        "export",
                        "--model",
                        student.toString(),
                        "--format",
                        "tflite",
                        "--output",
                        folder.resolve("y").toString());
        assertEquals(2, badFormat.exitCode(), badFormat.toString());
        assertEquals(
                "bert-distill: --format: expected one of onnx, got \"tflite\" (see 'bert-distill"
                        + " export --help')",
                badFormat.errorLine());
    }

    @Test
    void aGpuForOnnxFoldersOnlyIsRefusedByName() throws Exception {
        Path student = TinyRun.student(folder.resolve("student"), TinyRun.LABELS);
        Path exported = folder.resolve("student-onnx");
        assertEquals(0, exportOnnx(student, exported).exitCode());

        CliResult onnxOnly =
                CliResult.run("predict", "--model", exported.toString(), "--device", "gpu", "ok");
        assertEquals(2, onnxOnly.exitCode(), onnxOnly.toString());
        assertEquals(
                "bert-distill: --device gpu:0: ONNX folders run on ONNX Runtime's CPU build;"
                        + " --device places the models PyTorch runs (give cpu or auto)",
                onnxOnly.errorLine());
        assertEquals("", onnxOnly.out());

        // beside a PyTorch model, the GPU is the PyTorch model's: this machine's answer is about it
        CliResult mixed =
                CliResult.run(
                        "bench",
                        "--model",
                        "onnx=" + exported,
                        "--model",
                        "cnn=" + student,
                        "--device",
                        "gpu:7",
                        "--rounds",
                        "1");
        assertEquals(2, mixed.exitCode(), mixed.toString());
        assertTrue(mixed.errorLine().contains("the PyTorch engine sees"), mixed.err());
    }

    private static JsonObject config(Path exported) throws Exception {
        return JsonParser.parseString(Files.readString(exported.resolve("config.json")))
                .getAsJsonObject();
    }

    private static List<String> predict(Path model, List<String> texts) {
        String[] args = new String[3 + texts.size()];
        args[0] = "predict";
        args[1] = "--model";
        args[2] = model.toString();
        for (int i = 0; i < texts.size(); i++) {
            args[3 + i] = texts.get(i);
        }
        CliResult result = CliResult.run(args);
        assertEquals(0, result.exitCode(), result.toString());
        return result.out().strip().lines().toList();
    }

    /** {@code bert-distill export --model MODEL --format onnx --output OUTPUT}. */
    static CliResult exportOnnx(Path model, Path output) {
        return CliResult.run(
                "export",
                "--model",
                model.toString(),
                "--format",
                "onnx",
                "--output",
                output.toString());
    }
}

package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.distill.cache.TeacherLogitCache;
import io.github.bertdistill.examples.testing.TinyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A teacher fine-tuned elsewhere — here teacher-bert's traced TorchScript fixture, standing for a
 * RoBERTa or DeBERTa classifier exported from Python — is distilled like a BERT folder: {@code
 * teacher.finetuned} replaces fine-tuning, and labelling, the students and the report run on it.
 */
class ExportedTeacherTest {
    private static final List<String> WORDS =
            List.of("good", "great", "bad", "awful", "film", "movie", "plot", "acting", "fun");

    @TempDir Path folder;

    private Path tracedTeacher() throws IOException {
        return exportedTeacher("traced", "tiny-classifier.pt", "model.pt");
    }

    /** The same classifier exported to ONNX (teacher-bert's make_onnx_fixture.py). */
    private Path onnxTeacher() throws IOException {
        return exportedTeacher("exported", "tiny-classifier.onnx", "model.onnx");
    }

    private Path exportedTeacher(String name, String fixtureFile, String modelFile)
            throws IOException {
        Path traced = Files.createDirectories(folder.resolve(name));
        Path fixture = Path.of("../teacher-bert/src/test/resources/torchscript");
        Files.copy(fixture.resolve(fixtureFile), traced.resolve(modelFile));
        Files.copy(fixture.resolve("tokenizer.json"), traced.resolve("tokenizer.json"));
        Files.writeString(
                traced.resolve("labels.json"),
                LabelSet.of("negative", "neutral", "positive").toJson());
        Files.writeString(traced.resolve("config.json"), "{\"max_length\": 16}");
        return traced;
    }

    private Path data(String name, int rows) throws IOException {
        StringBuilder tsv = new StringBuilder("text\tlabel\n");
        String[] labels = {"negative", "neutral", "positive"};
        for (int i = 0; i < rows; i++) {
            tsv.append("the ")
                    .append(WORDS.get(i % WORDS.size()))
                    .append(" film was ")
                    .append(WORDS.get((i * 5 + 3) % WORDS.size()))
                    .append('\t')
                    .append(labels[i % 3])
                    .append('\n');
        }
        return Files.writeString(folder.resolve(name), tsv.toString());
    }

    /** The whole pipeline of the test recipe on {@code teacher} into {@code run}; returns it. */
    private Path runOn(Path teacher, Path run) throws IOException {
        CliResult result = runPipeline(teacher, 0, run);
        assertEquals(0, result.exitCode(), result.toString());
        return run;
    }

    /** {@code bert-distill run} of the test recipe on {@code teacher} into {@code run}. */
    private CliResult runPipeline(Path teacher, double replaceProbability, Path run)
            throws IOException {
        return CliResult.run(
                "run",
                "--recipe",
                recipe(teacher, replaceProbability).toString(),
                "--output",
                run.toString());
    }

    private Path recipe(Path teacher, double replaceProbability) throws IOException {
        String json =
                "{\"name\": \"exported\", \"seed\": 5,"
                        + " \"data\": {\"train\": \""
                        + data("train.tsv", 24)
                        + "\", \"test\": \""
                        + data("test.tsv", 9)
                        + "\", \"textColumn\": \"text\", \"labelColumn\": \"label\","
                        + " \"devFraction\": 0.25},"
                        + " \"teacher\": {\"finetuned\": \""
                        + teacher
                        + "\"},"
                        + " \"augmentation\": {\"copies\": 1, \"replaceProbability\": "
                        + replaceProbability
                        + "},"
                        + " \"student\": {\"minFrequency\": 1, \"seeds\": 1,"
                        + " \"embeddings\": \"random\", \"textcnn\": {\"embeddingSize\": 8,"
                        + " \"kernelWidths\": [1, 2], \"filtersPerWidth\": 4, \"maxLength\": 16},"
                        + " \"training\": {\"epochs\": 1, \"batchSize\": 8}},"
                        + " \"evaluation\": {\"warmupRounds\": 0, \"rounds\": 1, \"sentences\":"
                        + " 3}}";
        return Files.writeString(
                folder.resolve(
                        "recipe-" + teacher.getFileName() + "-" + replaceProbability + ".json"),
                json);
    }

    @Test
    void aTracedTeacherIsDistilledWithoutFineTuning() throws Exception {
        Path run = runOn(tracedTeacher(), folder.resolve("run"));
        assertTrue(Files.isRegularFile(run.resolve("teacher/model.pt")), "copied, not trained");
        assertTrue(Files.notExists(run.resolve("teacher-training")), "no fine-tuning");
        // 18 training rows (a quarter of 24 held out as dev) and one augmented copy each.
        assertEquals(36, TeacherLogitCache.open(run.resolve("logits")).size());
        String report = Files.readString(run.resolve("report/report.md"));
        assertTrue(report.contains("| traced-teacher | teacher |"), report);
        assertTrue(report.contains("| textcnn-kd-aug | student-kd-aug |"), report);
    }

    @Test
    void aReportOnPyTorchNamesTheEngineOfAnOnnxTeacher() throws Exception {
        Path run = runOn(onnxTeacher(), folder.resolve("onnx-teacher-run"));
        String report = Files.readString(run.resolve("report/report.md"));
        assertTrue(report.contains("Every model ran on PyTorch "), report);
        assertTrue(
                report.contains(", except `exported-teacher`, which ran on OnnxRuntime "), report);
    }

    @Test
    void anOnnxTeacherLabelsLikeTheTracedModelItWasExportedFrom() throws Exception {
        Path traced = folder.resolve("traced-run");
        Path onnx = folder.resolve("onnx-run");
        for (String[] run :
                new String[][] {
                    {recipe(tracedTeacher(), 0).toString(), traced.toString()},
                    {recipe(onnxTeacher(), 0).toString(), onnx.toString()}
                }) {
            CliResult labelled = CliResult.run("finetune", "--recipe", run[0], "--output", run[1]);
            assertEquals(0, labelled.exitCode(), labelled.toString());
            labelled = CliResult.run("label", "--recipe", run[0], "--output", run[1]);
            assertEquals(0, labelled.exitCode(), labelled.toString());
        }
        TeacherLogitCache fromDjl = TeacherLogitCache.open(traced.resolve("logits"));
        TeacherLogitCache fromOrt = TeacherLogitCache.open(onnx.resolve("logits"));
        assertEquals(fromDjl.size(), fromOrt.size());
        assertTrue(Files.isRegularFile(onnx.resolve("teacher/model.onnx")));
        fromDjl.stream()
                .forEach(
                        record -> {
                            float[] other = fromOrt.logitsFor(record.id()).orElseThrow();
                            for (int c = 0; c < other.length; c++) {
                                assertEquals(record.logits()[c], other[c], 1e-5f, record.id());
                            }
                        });
    }

    @Test
    void anOnnxTeacherIsReportedOnOnnxRuntimeAsItIsAndATracedOneIsRefusedAtOnce() throws Exception {
        String[] onnxRuntime = {"student.vocabulary=wordpiece", "engine.reportWith=onnx-runtime"};
        Path run = folder.resolve("onnx-run");
        CliResult onnx =
                CliResult.run(
                        StageCommandsTest.concat(
                                "run",
                                TinyRun.optionsFor(recipe(onnxTeacher(), 0), run, onnxRuntime)));

        assertEquals(0, onnx.exitCode(), onnx.toString());
        String report = Files.readString(run.resolve("report-onnx/report.md"));
        assertTrue(report.contains("| Engine | OnnxRuntime "), report);
        assertTrue(
                Files.notExists(run.resolve("onnx-exports")), "the students' exports are removed");
        assertTrue(Files.isRegularFile(run.resolve("teacher/model.onnx")), "the teacher as it was");

        Path traced = folder.resolve("traced-run");
        CliResult refused =
                CliResult.run(
                        StageCommandsTest.concat(
                                "run",
                                TinyRun.optionsFor(
                                        recipe(tracedTeacher(), 0), traced, onnxRuntime)));

        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.errorLine().contains("engine.reportWith"), refused.errorLine());
        assertTrue(refused.errorLine().contains("TorchScript model"), refused.errorLine());
        assertTrue(Files.notExists(traced.resolve("teacher")), "refused before any work");
    }

    @Test
    void wordReplacementNeedsTheTeachersWordEmbeddingsAndSaysSo() throws Exception {
        CliResult result = runPipeline(tracedTeacher(), 0.1, folder.resolve("run"));

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(
                result.errorLine()
                        .endsWith(
                                "has no word-embedding matrix (a parameter named"
                                        + " …word_embeddings.weight): word replacement and"
                                        + " teacher-initialised student embeddings need one; set"
                                        + " augmentation.replaceProbability=0 and"
                                        + " student.embeddings=random"),
                result.errorLine());
    }

    @Test
    void aStudentIsNoTeacher() throws Exception {
        Path student = TinyRun.student(folder.resolve("a-student"), TinyRun.LABELS);
        CliResult result = CliResult.run("finetune", "--recipe", recipe(student, 0).toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(
                result.errorLine()
                        .endsWith(
                                "teacher.finetuned: "
                                        + student
                                        + " holds a TextCNN student, not a teacher"),
                result.errorLine());
    }
}

package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.examples.testing.TinyRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine.reportWith}: on ONNX Runtime the report scores the exported models exactly as the
 * trained ones, keeps their parameter counts and configurations, names the runtime, is written
 * beside the PyTorch report and leaves no exports behind; a recipe whose students cannot run there
 * is refused before any work.
 */
class ReportEngineTest {
    @TempDir Path folder;

    @Test
    void onnxRuntimeScoresTheExportsLikeTheTrainedModelsAndCleansUp() throws Exception {
        Path run = folder.resolve("run");
        String[] options = TinyRun.options(folder, run, "student.vocabulary=wordpiece");
        CliResult pytorch = command("run", options);
        assertEquals(0, pytorch.exitCode(), pytorch.toString());
        JsonObject trained = report(run.resolve("report"));
        assertEquals("PyTorch", trained.getAsJsonObject("environment").get("engine").getAsString());
        assertTrue(
                Files.readString(run.resolve("report/report.md"))
                        .contains("\n\nEvery model ran on PyTorch "));

        CliResult onnx = command("report", options, "--set", "engine.reportWith=onnx-runtime");

        assertEquals(0, onnx.exitCode(), onnx.toString());
        assertEquals("report: " + run.resolve("report-onnx/report.html"), onnx.out().strip());
        JsonObject exported = report(run.resolve("report-onnx"));
        assertEquals(trained, report(run.resolve("report")), "the PyTorch report stays beside it");
        assertEquals(
                "OnnxRuntime", exported.getAsJsonObject("environment").get("engine").getAsString());
        JsonArray before = trained.getAsJsonArray("models");
        JsonArray after = exported.getAsJsonArray("models");
        assertEquals(4, after.size());
        for (int i = 0; i < before.size(); i++) {
            JsonObject model = before.get(i).getAsJsonObject();
            JsonObject served = after.get(i).getAsJsonObject();
            String name = model.get("name").getAsString();
            assertEquals(name, served.get("name").getAsString());
            for (String same :
                    new String[] {
                        "accuracy",
                        "agreement_with_teacher",
                        "confusion_matrix",
                        "parameters",
                        "config"
                    }) {
                assertEquals(model.get(same), served.get(same), name + " " + same);
            }
            assertTrue(served.get("disk_bytes").getAsLong() > 0, name);
        }
        assertFalse(Files.exists(run.resolve("onnx-exports")), "the exports are removed");
        assertTrue(
                Files.readString(run.resolve("report-onnx/report.md"))
                        .contains("\n\nEvery model ran on OnnxRuntime "),
                "the engine stands at the top");
    }

    @Test
    void aWordVocabularyIsRefusedOnOnnxRuntimeBeforeAnyWork() throws Exception {
        Path run = folder.resolve("run");
        CliResult refused =
                command("run", TinyRun.options(folder, run, "engine.reportWith=onnx-runtime"));

        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("engine.reportWith"), refused.err());
        assertTrue(refused.err().contains("student.vocabulary to wordpiece"), refused.err());
        assertFalse(Files.exists(run.resolve("teacher")), "nothing was trained");
    }

    @Test
    void reportMeasuresARunWithItsOwnRecipeAndNeverDeletesIt() throws Exception {
        Path run = folder.resolve("run");
        String[] withTheSet = TinyRun.options(folder, run, "student.training.epochs=2");
        CliResult made = command("run", withTheSet);
        assertEquals(0, made.exitCode(), made.toString());
        byte[] timings = Files.readAllBytes(run.resolve("timings.json"));
        byte[] firstReport = Files.readAllBytes(run.resolve("report/report.json"));
        assertTrue(new String(timings, StandardCharsets.UTF_8).contains("\"teacher\""));

        CliResult again = command("run", withTheSet);
        assertEquals(0, again.exitCode(), again.toString());
        assertArrayEquals(
                timings,
                Files.readAllBytes(run.resolve("timings.json")),
                "a run that made nothing keeps the stage times measured when they did work");
        assertArrayEquals(firstReport, Files.readAllBytes(run.resolve("report/report.json")));
        String[] withoutTheSet = TinyRun.options(folder, run);

        CliResult changed = command("report", withoutTheSet);
        assertEquals(2, changed.exitCode(), changed.toString());
        assertTrue(
                changed.errorLine().contains("student.training.epochs is 2"), changed.errorLine());
        assertTrue(
                changed.errorLine().contains("--recipe " + run.resolve("recipe.json")),
                changed.errorLine());
        assertFalse(changed.errorLine().contains("--retrain"), changed.errorLine());

        CliResult retrain = command("report", withoutTheSet, "--retrain");
        assertEquals(2, retrain.exitCode(), retrain.toString());
        assertTrue(retrain.err().contains("this command makes none"), retrain.err());
        assertTrue(Files.isDirectory(run.resolve("students/student-kd-aug")), "kept");

        CliResult own =
                CliResult.run(
                        "report",
                        "--recipe",
                        run.resolve("recipe.json").toString(),
                        "--output",
                        run.toString());
        assertEquals(0, own.exitCode(), own.toString());
        try (Stream<Path> kept = Files.list(run)) {
            Path earlier =
                    kept.filter(p -> p.getFileName().toString().matches("report-\\d{8}T\\d{6}Z"))
                            .findFirst()
                            .orElseThrow();
            assertArrayEquals(
                    firstReport,
                    Files.readAllBytes(earlier.resolve("report.json")),
                    "the report measured again keeps the first beside it");
        }
    }

    @Test
    void reportOnAFolderWithoutARunSaysSoAndMakesNothing() throws Exception {
        Path missing = folder.resolve("no-run");

        CliResult report = command("report", TinyRun.options(folder, missing));

        assertEquals(2, report.exitCode(), report.toString());
        assertTrue(
                report.errorLine().endsWith(" --output " + missing + "' first"),
                report.errorLine());
        assertTrue(
                report.errorLine()
                        .contains("no run in " + missing + ": run 'bert-distill run --recipe "),
                report.errorLine());
        assertFalse(Files.exists(missing), "nothing made");
    }

    private static CliResult command(String name, String[] options, String... more) {
        return CliResult.run(StageCommandsTest.concat(name, options, more));
    }

    private static JsonObject report(Path folder) throws Exception {
        return JsonParser.parseString(Files.readString(folder.resolve("report.json")))
                .getAsJsonObject();
    }
}

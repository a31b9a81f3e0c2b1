package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.examples.testing.TinyRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine.reportWith}: on ONNX Runtime the report scores the exported models exactly as the
 * trained ones, keeps their parameter counts and configurations, names the runtime, and leaves no
 * exports behind; a recipe whose students cannot run there is refused before any work.
 */
class ReportEngineTest {
    @TempDir Path folder;

    @Test
    void onnxRuntimeScoresTheExportsLikeTheTrainedModelsAndCleansUp() throws Exception {
        Path run = folder.resolve("run");
        String[] options = TinyRun.options(folder, run, "student.vocabulary=wordpiece");
        CliResult pytorch = CliResult.run(StageCommandsTest.concat("run", options));
        assertEquals(0, pytorch.exitCode(), pytorch.toString());
        JsonObject trained = report(run);
        assertEquals("PyTorch", trained.getAsJsonObject("environment").get("engine").getAsString());

        CliResult onnx =
                CliResult.run(
                        StageCommandsTest.concat(
                                "report", options, "--set", "engine.reportWith=onnx-runtime"));

        assertEquals(0, onnx.exitCode(), onnx.toString());
        JsonObject exported = report(run);
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
        assertFalse(Files.exists(run.resolve("report-onnx")), "the exports are removed");
        assertTrue(Files.readString(run.resolve("report/report.md")).contains("OnnxRuntime"));
    }

    @Test
    void aWordVocabularyIsRefusedOnOnnxRuntimeBeforeAnyWork() throws Exception {
        Path run = folder.resolve("run");
        CliResult refused =
                CliResult.run(
                        StageCommandsTest.concat(
                                "run",
                                TinyRun.options(folder, run, "engine.reportWith=onnx-runtime")));

        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("engine.reportWith"), refused.err());
        assertTrue(refused.err().contains("student.vocabulary to wordpiece"), refused.err());
        assertFalse(Files.exists(run.resolve("teacher")), "nothing was trained");
    }

    private static JsonObject report(Path run) throws Exception {
        return JsonParser.parseString(Files.readString(run.resolve("report/report.json")))
                .getAsJsonObject();
    }
}

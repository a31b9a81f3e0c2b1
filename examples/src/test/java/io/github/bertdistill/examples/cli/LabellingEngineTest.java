package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.distill.cache.CachedLogits;
import io.github.bertdistill.distill.cache.TeacherLogitCache;
import io.github.bertdistill.examples.testing.TinyRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine.labelWith}: the default labels on ONNX Runtime on the CPU, with logits of the
 * teacher's PyTorch forward within 1e-4 and a fingerprint of its own; switching runtimes relabels
 * the run's cache instead of mixing the two; labelling a complete cache again labels nothing.
 */
class LabellingEngineTest {
    @TempDir Path folder;

    @Test
    void onnxRuntimeLabelsLikeThePyTorchForwardAndSwitchingRelabels() throws Exception {
        String recipe = TinyRun.recipe(folder).toString();
        Path run = folder.resolve("run");
        String[] options = {"--recipe", recipe, "--output", run.toString()};
        assertEquals(0, CliResult.run(StageCommandsTest.concat("finetune", options)).exitCode());

        CliResult onnx = CliResult.run(StageCommandsTest.concat("label", options));
        assertEquals(0, onnx.exitCode(), onnx.toString());
        Map<String, CachedLogits> byOnnx = cached(run);
        assertTrue(
                onnx.out()
                        .contains(byOnnx.size() + " examples, " + byOnnx.size() + " labelled now"),
                onnx.toString());
        CliResult again = CliResult.run(StageCommandsTest.concat("label", options));
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(
                again.out().contains(byOnnx.size() + " examples, 0 labelled now"),
                again.toString());
        assertEquals(byOnnx.keySet(), cached(run).keySet());
        String onnxFingerprint =
                TeacherLogitCache.open(run.resolve("logits")).fingerprint().value();

        CliResult pytorch =
                CliResult.run(
                        StageCommandsTest.concat(
                                "label", options, "--set", "engine.labelWith=pytorch"));
        assertEquals(0, pytorch.exitCode(), pytorch.toString());
        Map<String, CachedLogits> byPytorch = cached(run);
        assertNotEquals(
                onnxFingerprint,
                TeacherLogitCache.open(run.resolve("logits")).fingerprint().value(),
                "the cache records the runtime");
        assertEquals(byOnnx.keySet(), byPytorch.keySet());

        for (CachedLogits entry : byPytorch.values()) {
            float[] onnxRow = byOnnx.get(entry.id()).logits();
            assertEquals(entry.textHash(), byOnnx.get(entry.id()).textHash());
            for (int j = 0; j < onnxRow.length; j++) {
                assertEquals(entry.logits()[j], onnxRow[j], 1e-4f, entry.id());
            }
        }
    }

    private static Map<String, CachedLogits> cached(Path run) throws Exception {
        try (var stream = TeacherLogitCache.open(run.resolve("logits")).stream()) {
            return stream.collect(Collectors.toMap(CachedLogits::id, e -> e));
        }
    }
}

package io.github.bertdistill.teacher.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.teacher.ExportedFixture;
import io.github.bertdistill.teacher.torchscript.TorchScriptClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture made by {@code src/test/python/make_onnx_fixture.py} (the TorchScript fixture
 * exported to ONNX): ONNX Runtime gives the logits the model was traced with, and the same logits
 * as the TorchScript model in DJL for batches of mixed lengths.
 */
class OnnxClassifierTest {
    private static final LabelSet LABELS = ExportedFixture.LABELS;

    @TempDir Path folder;

    private static Path fixture(String name) {
        return ExportedFixture.file(name);
    }

    @Test
    void theExportedModelGivesItsTracedLogits() throws Exception {
        try (OnnxClassifier teacher =
                OnnxClassifier.load(
                        fixture("tiny-classifier.onnx"), fixture("tokenizer.json"), LABELS, 16)) {
            ExportedFixture.assertTracedLogits(teacher.logits(ExportedFixture.sentences()));
            assertEquals(0, teacher.logits(List.of()).length);
            // an exported classifier without a 'pooled' output has no features to match
            assertEquals(0, teacher.featureSize());
            UnsupportedOperationException e =
                    assertThrows(
                            UnsupportedOperationException.class,
                            () -> teacher.features(teacher.encoder().encodeBatch(List.of("a"))));
            assertEquals("this ONNX model has no output named 'pooled'", e.getMessage());
        }
    }

    @Test
    void onnxRuntimeAndTheTorchScriptModelAgreeOnMixedLengths() throws Exception {
        List<String> texts =
                List.of(
                        "a",
                        "the plot was very boring and the acting was awful",
                        "fun",
                        "i loved it");
        try (OnnxClassifier onnx =
                        OnnxClassifier.load(
                                fixture("tiny-classifier.onnx"),
                                fixture("tokenizer.json"),
                                LABELS,
                                16);
                TorchScriptClassifier traced =
                        TorchScriptClassifier.load(
                                fixture("tiny-classifier.pt"),
                                fixture("tokenizer.json"),
                                LABELS,
                                16)) {
            float[][] fromOnnx = onnx.logits(texts);
            float[][] fromDjl = traced.logits(texts);
            for (int i = 0; i < texts.size(); i++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(fromDjl[i][c], fromOnnx[i][c], 1e-5f, texts.get(i));
                }
                // Padding to the batch's longest text changes nothing.
                float[] alone = onnx.logits(List.of(texts.get(i)))[0];
                for (int c = 0; c < 3; c++) {
                    assertEquals(alone[c], fromOnnx[i][c], 1e-5f, texts.get(i));
                }
            }
        }
    }

    @Test
    void aFileThatIsNoOnnxModelIsNamed() throws Exception {
        Path bad = Files.writeString(folder.resolve("model.onnx"), "not a model");
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> OnnxClassifier.load(bad, fixture("tokenizer.json"), LABELS, 16));
        assertTrue(
                e.getMessage().startsWith("cannot load ONNX model " + bad + ": "), e.getMessage());
    }
}

package io.github.bertdistill.teacher.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.github.bertdistill.core.storage.HostTensor;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxWeightsTest {

    @Test
    void matMulWeightsGetTheirModuleNamesAndAreTransposed() throws IOException {
        Map<String, HostTensor> tensors = BertPreset.BGE_SMALL_ZH.weights();
        assertEquals(
                new Shape(2048, 512),
                tensors.get("encoder.layer.3.intermediate.dense.weight").shape());
        assertEquals(
                new Shape(512, 2048), tensors.get("encoder.layer.3.output.dense.weight").shape());
        assertEquals(
                new Shape(21128, 512), tensors.get("embeddings.word_embeddings.weight").shape());
        assertTrue(
                tensors.keySet().stream().noneMatch(n -> n.startsWith("onnx::")),
                tensors.keySet().toString());
        assertEquals(5 + 4 * 16, tensors.size());
    }

    @Test
    void truncatedFileGetsAClearMessage() throws IOException {
        byte[] head;
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream("bge-small-zh-v1.5.onnx")) {
            head = in.readNBytes(3_000_000);
        }
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> OnnxWeights.read(new ByteArrayInputStream(head), "cut.onnx"));
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void garbageGetsAClearMessage() {
        byte[] garbage = new byte[4096];
        Arrays.fill(garbage, (byte) 0xff);
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> OnnxWeights.read(new ByteArrayInputStream(garbage), "junk.onnx"));
        assertTrue(e.getMessage().startsWith("junk.onnx"), e.getMessage());
    }
}

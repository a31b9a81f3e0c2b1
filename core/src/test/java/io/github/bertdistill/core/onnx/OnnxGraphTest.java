package io.github.bertdistill.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.bertdistill.core.onnx.OnnxGraph.ElementType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxGraphTest {
    /** {@code y = relu(x Wᵀ + b)} with a dynamic batch axis. */
    private static OnnxGraph dense() {
        OnnxGraph graph = OnnxGraph.named("dense");
        String x = graph.input("x", ElementType.FLOAT, "batch", 2);
        String w = graph.weights("w", new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        String b = graph.weights("b", new float[] {0, -100, 1}, 3);
        String y = graph.node("Gemm", List.of(x, w, b), Map.of("transB", 1L));
        graph.output(graph.node("Relu", List.of(y)), "y", ElementType.FLOAT, "batch", 3);
        return graph;
    }

    @Test
    void onnxRuntimeRunsTheWrittenGraph(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("model.onnx");
        dense().write(file, "test", "1");
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session =
                        environment.createSession(
                                file.toString(), new OrtSession.SessionOptions());
                OnnxTensor x =
                        OnnxTensor.createTensor(environment, new float[][] {{1, 1}, {0, 2}});
                OrtSession.Result result = session.run(Map.of("x", x))) {
            float[][] y = (float[][]) result.get("y").orElseThrow().getValue();
            assertArrayEquals(new float[] {3, 0, 12}, y[0]);
            assertArrayEquals(new float[] {4, 0, 13}, y[1]);
        }
    }

    @Test
    void theModelDeclaresItsOpsetAxesAndProducer(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("model.onnx");
        dense().write(file, "bert-distill", "7");
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(OnnxGraph.OPSET, model.getOpsetImport(0).getVersion());
        assertEquals("bert-distill", model.getProducerName());
        List<TensorShapeProto.Dimension> input =
                model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
        assertEquals("batch", input.get(0).getDimParam());
        assertEquals(2, input.get(1).getDimValue());
        assertEquals("y", model.getGraph().getOutput(0).getName());
        assertTrue(Files.list(folder).allMatch(p -> p.equals(file)), "no temporary file left");
    }

    @Test
    void namesAndShapesAreChecked() {
        OnnxGraph graph = OnnxGraph.named("g");
        graph.longs("axes", 1, 2);
        IllegalArgumentException twice =
                assertThrows(IllegalArgumentException.class, () -> graph.longScalar("axes", 0));
        assertTrue(twice.getMessage().contains("axes"), twice.getMessage());
        IllegalArgumentException shape =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> graph.weights("w", new float[5], 2, 3));
        assertTrue(shape.getMessage().contains("5 values for shape [2, 3]"), shape.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> graph.input("x", ElementType.FLOAT, 2.5));
    }
}

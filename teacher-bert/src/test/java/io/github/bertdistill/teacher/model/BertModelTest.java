package io.github.bertdistill.teacher.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.teacher.config.BertConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BertModelTest {
    private static final BertConfig TINY =
            BertConfig.builder()
                    .setVocabSize(50)
                    .setHiddenSize(8)
                    .setNumHiddenLayers(2)
                    .setNumAttentionHeads(2)
                    .setIntermediateSize(16)
                    .optMaxPositionEmbeddings(12)
                    .build();

    private NDManager manager;
    private BertModel model;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @BeforeEach
    void build() {
        manager = NDManager.newBaseManager();
        model = BertModel.builder().setConfig(TINY).optPooler(true).build();
        model.initialize(manager);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void everyParameterHasItsHuggingFaceName() {
        List<String> expected = new ArrayList<>();
        for (String e :
                List.of("word_embeddings", "position_embeddings", "token_type_embeddings")) {
            expected.add("embeddings." + e + ".weight");
        }
        expected.add("embeddings.LayerNorm.weight");
        expected.add("embeddings.LayerNorm.bias");
        for (int i = 0; i < 2; i++) {
            String layer = "encoder.layer." + i + ".";
            for (String m :
                    List.of(
                            "attention.self.query",
                            "attention.self.key",
                            "attention.self.value",
                            "attention.output.dense",
                            "attention.output.LayerNorm",
                            "intermediate.dense",
                            "output.dense",
                            "output.LayerNorm")) {
                expected.add(layer + m + ".weight");
                expected.add(layer + m + ".bias");
            }
        }
        expected.add("pooler.dense.weight");
        expected.add("pooler.dense.bias");
        assertEquals(expected, List.copyOf(model.hfParameters().keySet()));
        assertEquals(
                new Shape(16, 8),
                model.hfParameters().get("encoder.layer.1.intermediate.dense.weight").getShape());
        assertEquals(model.getParameters().size(), model.hfParameters().size());
    }

    @Test
    void paddingDoesNotChangeRealTokens() {
        float[] alone = run(new long[] {1, 7, 9, 2}, new long[] {1, 1, 1, 1}, 1, 4);
        float[] padded =
                run(
                        new long[] {1, 7, 9, 2, 0, 0, 1, 5, 2, 0, 0, 0},
                        new long[] {1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 0},
                        2,
                        6);
        for (int t = 0; t < 4; t++) {
            for (int h = 0; h < 8; h++) {
                assertEquals(alone[t * 8 + h], padded[t * 8 + h], 1e-5f);
            }
        }
    }

    @Test
    void sequenceLongerThanThePositionTableIsRejected() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> run(new long[13], new long[13], 1, 13));
        assertTrue(e.getMessage().contains("max_position_embeddings"), e.getMessage());
    }

    /** The tanh approximation differs from the exact form by up to 5e-4 around |x| = 2..3. */
    @Test
    void geluIsTheExactErfForm() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(new float[] {-3f, -1f, -0.5f, 0f, 0.7f, 2f});
            NDArray exact = x.mul(x.div(Math.sqrt(2)).erf().add(1)).mul(0.5);
            assertArrayEquals(exact.toFloatArray(), Activation.gelu(x).toFloatArray(), 1e-6f);
        }
    }

    private float[] run(long[] ids, long[] mask, int batch, int length) {
        try (NDManager step = manager.newSubManager()) {
            Shape shape = new Shape(batch, length);
            NDList input =
                    new NDList(
                            step.create(ids, shape),
                            step.create(mask, shape),
                            step.zeros(shape, DataType.INT64));
            NDList out = model.forward(new ParameterStore(step, false), input, false);
            assertEquals(new Shape(batch, length, 8), out.get(0).getShape());
            assertEquals(new Shape(batch, 8), out.get(1).getShape());
            return out.head().toFloatArray();
        }
    }

    /**
     * Regression: a garbage collection between forward and backward must not change the gradients.
     * The attention scale used to be a DJL scalar operand backed by a Java direct buffer that
     * autograd kept using after the buffer was freed (infinite/NaN gradients, about one run in five
     * of SST-2 fine-tuning). Here the freed memory is collected and then reused by zero-filled
     * buffers, so the old code failed every time.
     */
    @Test
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() throws Exception {
        List<NDArray> weights = new ArrayList<>();
        model.getParameters()
                .forEach(
                        p -> {
                            NDArray array = p.getValue().getArray();
                            array.setRequiresGradient(true);
                            weights.add(array);
                        });
        Shape shape = new Shape(2, 5);
        long[] ids = {2, 7, 9, 3, 0, 2, 4, 3, 0, 0};
        long[] mask = {1, 1, 1, 1, 0, 1, 1, 1, 0, 0};
        try (NDManager step = manager.newSubManager();
                GradientCollector collector =
                        Engine.getEngine(EngineBootstrap.ENGINE_NAME).newGradientCollector()) {
            NDArray hidden =
                    model.forward(
                                    new ParameterStore(step, false),
                                    new NDList(step.create(ids, shape), step.create(mask, shape)),
                                    true)
                            .head();
            NDArray loss = hidden.square().sum();
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(20);
            }
            List<ByteBuffer> reuse = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                reuse.add(ByteBuffer.allocateDirect(4));
            }
            collector.backward(loss);
            assertEquals(20_000, reuse.size());
        }
        for (NDArray weight : weights) {
            NDArray gradient = weight.getGradient();
            assertFalse(
                    gradient.isNaN().any().getBoolean() || gradient.isInfinite().any().getBoolean(),
                    "non-finite gradient " + weight.getName());
        }
    }
}

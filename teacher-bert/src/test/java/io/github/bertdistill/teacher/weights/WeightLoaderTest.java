package io.github.bertdistill.teacher.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.storage.HostTensor;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.BertModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load report names every kind of mismatch, and a refused import changes nothing. */
class WeightLoaderTest {
    static final BertConfig TINY =
            BertConfig.builder()
                    .setVocabSize(50)
                    .setHiddenSize(8)
                    .setNumHiddenLayers(1)
                    .setNumAttentionHeads(2)
                    .setIntermediateSize(16)
                    .optMaxPositionEmbeddings(16)
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
        model = BertModel.builder().setConfig(TINY).build();
        model.initialize(manager);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A complete set of tensors for the tiny model, every value equal to {@code value}. */
    static Map<String, HostTensor> fullCheckpoint(BertModel model, float value) {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        model.hfParameters()
                .forEach(
                        (name, p) -> {
                            float[] data = new float[Math.toIntExact(p.getShape().size())];
                            Arrays.fill(data, value);
                            tensors.put(name, new HostTensor(p.getShape(), data));
                        });
        return tensors;
    }

    @Test
    void exactCheckpointLoadsEveryParameter() throws Exception {
        LoadReport report =
                WeightLoader.load(
                        model.hfParameters(),
                        fullCheckpoint(model, 0.5f),
                        LoadPolicy.strict(),
                        "test");
        assertTrue(report.isExact(), report.describe());
        assertEquals(model.hfParameters().size(), report.loaded().size());
        float[] word =
                model.hfParameters()
                        .get("embeddings.word_embeddings.weight")
                        .getArray()
                        .toFloatArray();
        assertEquals(0.5f, word[123]);
    }

    @Test
    void bertPrefixedNamesLoadIntoABareModel() throws Exception {
        Map<String, HostTensor> prefixed = new LinkedHashMap<>();
        fullCheckpoint(model, 1f).forEach((name, t) -> prefixed.put("bert." + name, t));
        assertTrue(
                WeightLoader.load(model.hfParameters(), prefixed, LoadPolicy.strict(), "test")
                        .isExact());
    }

    @Test
    void missingTensorIsReportedAndRefused() {
        Map<String, HostTensor> tensors = fullCheckpoint(model, 1f);
        tensors.remove("encoder.layer.0.output.dense.bias");
        float[] before =
                model.hfParameters().get("embeddings.LayerNorm.weight").getArray().toFloatArray();
        WeightLoadException e =
                assertThrows(
                        WeightLoadException.class,
                        () ->
                                WeightLoader.load(
                                        model.hfParameters(),
                                        tensors,
                                        LoadPolicy.strict(),
                                        "test"));
        assertEquals(List.of("encoder.layer.0.output.dense.bias"), e.report().missing());
        assertTrue(e.getMessage().contains("encoder.layer.0.output.dense.bias"), e.getMessage());
        assertArrayEquals(
                before,
                model.hfParameters().get("embeddings.LayerNorm.weight").getArray().toFloatArray());
    }

    @Test
    void missingTensorIsAcceptedWhenAllowed() throws Exception {
        Map<String, HostTensor> tensors = fullCheckpoint(model, 1f);
        tensors.remove("encoder.layer.0.output.dense.bias");
        LoadReport report =
                WeightLoader.load(
                        model.hfParameters(),
                        tensors,
                        LoadPolicy.strict().allowMissing("encoder.layer.0.output."),
                        "test");
        assertEquals(List.of("encoder.layer.0.output.dense.bias"), report.missing());
    }

    @Test
    void unexpectedTensorIsReported() {
        Map<String, HostTensor> tensors = fullCheckpoint(model, 1f);
        tensors.put("cls.predictions.bias", new HostTensor(new Shape(50), new float[50]));
        WeightLoadException e =
                assertThrows(
                        WeightLoadException.class,
                        () ->
                                WeightLoader.load(
                                        model.hfParameters(),
                                        tensors,
                                        LoadPolicy.strict(),
                                        "test"));
        assertEquals(List.of("cls.predictions.bias"), e.report().unexpected());
    }

    @Test
    void shapeMismatchIsReportedEvenWhenMissingOnesAreAllowed() {
        Map<String, HostTensor> tensors = fullCheckpoint(model, 1f);
        tensors.put(
                "embeddings.word_embeddings.weight",
                new HostTensor(new Shape(60, 8), new float[480]));
        WeightLoadException e =
                assertThrows(
                        WeightLoadException.class,
                        () ->
                                WeightLoader.load(
                                        model.hfParameters(),
                                        tensors,
                                        LoadPolicy.strict().allowMissing(""),
                                        "test"));
        LoadReport.ShapeMismatch mismatch = e.report().mismatched().get(0);
        assertEquals("embeddings.word_embeddings.weight", mismatch.name());
        assertEquals(new Shape(50, 8), mismatch.expected());
        assertEquals(new Shape(60, 8), mismatch.actual());
        assertTrue(e.report().missing().isEmpty());
        // the message's first line, all a one-line error shows, names the mismatch
        assertTrue(
                e.getMessage()
                        .lines()
                        .findFirst()
                        .orElseThrow()
                        .endsWith(
                                "first problem: embeddings.word_embeddings.weight: model expects"
                                        + " (50, 8), file has (60, 8)"),
                e.getMessage());
    }
}

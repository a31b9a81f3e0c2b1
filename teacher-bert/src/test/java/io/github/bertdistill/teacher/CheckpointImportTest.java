package io.github.bertdistill.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.storage.HostTensor;
import io.github.bertdistill.core.storage.SafetensorsFile;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.BertModel;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import io.github.bertdistill.teacher.weights.WeightLoadException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hugging Face folders of a bare {@code BertModel} (names without {@code bert.}), good and bad. */
class CheckpointImportTest {
    @TempDir Path folder;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    /** Writes a random BertModel with a pooler, as {@code save_pretrained} would. */
    @BeforeEach
    void writeCheckpoint() throws IOException {
        BertConfig config = BertClassifierTest.SMALL;
        try (NDManager manager = NDManager.newBaseManager()) {
            BertModel model = BertModel.builder().setConfig(config).optPooler(true).build();
            model.initialize(manager);
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            model.hfParameters()
                    .forEach(
                            (name, p) ->
                                    tensors.put(
                                            name,
                                            new HostTensor(
                                                    p.getShape(), p.getArray().toFloatArray())));
            SafetensorsFile.write(folder.resolve("model.safetensors"), tensors);
        }
        Files.writeString(folder.resolve("config.json"), config.toJson().toString());
        try (var tokenizer = BertPreset.MINILM_L6.tokenizer(32)) {
            Files.write(folder.resolve("tokenizer.json"), tokenizer.toJson());
        }
    }

    @Test
    void bareBertModelLoadsWithANewHead() throws IOException {
        try (BertClassifier classifier =
                BertClassifier.fromCheckpoint(
                        folder, BertClassifierTest.LABELS, Pooling.POOLER, 32)) {
            assertEquals(2, classifier.logits(BertClassifierTest.TEXTS)[0].length);
            assertEquals(
                    List.of("classifier.weight", "classifier.bias"),
                    classifier.loadReport().orElseThrow().missing());
        }
        try (BertClassifier classifier =
                BertClassifier.fromCheckpoint(folder, BertClassifierTest.LABELS, Pooling.CLS, 32)) {
            assertEquals(
                    Set.of("pooler.dense.weight", "pooler.dense.bias"),
                    Set.copyOf(classifier.loadReport().orElseThrow().unexpected()));
        }
    }

    @Test
    void configThatDisagreesWithTheTensorsIsReported() throws IOException {
        BertConfig wrong = BertClassifierTest.SMALL.toBuilder().setIntermediateSize(48).build();
        Files.writeString(folder.resolve("config.json"), wrong.toJson().toString());
        WeightLoadException e =
                assertThrows(
                        WeightLoadException.class,
                        () ->
                                BertClassifier.fromCheckpoint(
                                        folder, BertClassifierTest.LABELS, Pooling.CLS, 32));
        // intermediate.dense.weight and .bias, output.dense.weight
        assertEquals(3, e.report().mismatched().size());
        assertTrue(e.getMessage().contains("intermediate.dense.weight"), e.getMessage());
    }

    @Test
    void truncatedWeightFileGetsAClearMessage() throws IOException {
        Path weights = folder.resolve("model.safetensors");
        try (FileChannel channel = FileChannel.open(weights, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                BertClassifier.fromCheckpoint(
                                        folder, BertClassifierTest.LABELS, Pooling.CLS, 32));
        assertTrue(e.getMessage().contains("not a valid safetensors file"), e.getMessage());
        Files.write(weights, new byte[] {1, 2, 3});
        assertThrows(IOException.class, () -> SafetensorsFile.read(weights));
    }

    @Test
    void olderFolderWithVocabTxtLoads() throws IOException {
        JsonObject vocab =
                JsonParser.parseString(Files.readString(folder.resolve("tokenizer.json")))
                        .getAsJsonObject()
                        .getAsJsonObject("model")
                        .getAsJsonObject("vocab");
        String[] tokens = new String[vocab.size()];
        vocab.entrySet().forEach(e -> tokens[e.getValue().getAsInt()] = e.getKey());
        Files.write(folder.resolve("vocab.txt"), List.of(tokens));
        Files.delete(folder.resolve("tokenizer.json"));
        try (BertClassifier classifier =
                BertClassifier.fromCheckpoint(folder, BertClassifierTest.LABELS, Pooling.CLS, 32)) {
            assertArrayEquals(
                    new long[] {101, 7592, 2088, 102},
                    classifier.tokenizer().encode("Hello world").tokenIds());
        }
        Files.delete(folder.resolve("vocab.txt"));
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                BertClassifier.fromCheckpoint(
                                        folder, BertClassifierTest.LABELS, Pooling.CLS, 32));
        assertTrue(e.getMessage().contains("no tokenizer"), e.getMessage());
    }

    @Test
    void missingWeightFileIsNamed() throws IOException {
        Files.delete(folder.resolve("model.safetensors"));
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                BertClassifier.fromCheckpoint(
                                        folder, BertClassifierTest.LABELS, Pooling.CLS, 32));
        assertTrue(e.getMessage().contains("model.safetensors is missing"), e.getMessage());
    }
}

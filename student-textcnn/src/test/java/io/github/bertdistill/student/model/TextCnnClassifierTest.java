package io.github.bertdistill.student.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedText;
import io.github.bertdistill.student.Fixtures;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.student.vocab.VocabularyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextCnnClassifierTest {
    @TempDir Path temp;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @ParameterizedTest(name = "lstmSize {0}")
    @ValueSource(ints = {0, 4})
    void saveAndLoadAreBitExact(int lstmSize) throws IOException {
        Path dir = temp.resolve("model");
        try (TextCnnClassifier original =
                Fixtures.tinyClassifier(Fixtures.tinyConfig().optLstmSize(lstmSize).build())) {
            original.save(dir);
            try (TextCnnClassifier loaded = TextCnnClassifier.load(dir)) {
                assertEquals(original.config(), loaded.config());
                assertEquals(original.labels(), loaded.labels());
                assertEquals(original.vocabulary().vocabulary(), loaded.vocabulary().vocabulary());
                assertEquals(original.vocabulary().kind(), loaded.vocabulary().kind());
                original.block()
                        .namedParameters()
                        .forEach(
                                (name, p) ->
                                        assertArrayEquals(
                                                p.getArray().toFloatArray(),
                                                loaded.block()
                                                        .namedParameters()
                                                        .get(name)
                                                        .getArray()
                                                        .toFloatArray(),
                                                0f,
                                                name));
                float[][] a = original.logits(Fixtures.TEXTS);
                float[][] b = loaded.logits(Fixtures.TEXTS);
                for (int i = 0; i < a.length; i++) {
                    for (int j = 0; j < a[i].length; j++) {
                        assertEquals(Float.floatToIntBits(a[i][j]), Float.floatToIntBits(b[i][j]));
                    }
                }
                // saving the loaded model again gives the same bytes
                Path again = temp.resolve("again");
                loaded.save(again);
                for (String file :
                        List.of("config.json", "labels.json", "vocab.txt", "model.safetensors")) {
                    assertArrayEquals(
                            Files.readAllBytes(dir.resolve(file)),
                            Files.readAllBytes(again.resolve(file)),
                            file);
                }
            }
        }
        assertTrue(
                TextCnnClassifier.sizeOnDisk(dir) > Files.size(dir.resolve("model.safetensors")));
    }

    @Test
    void aChineseMultichannelStudentKeepsItsSettingsThroughSaveAndLoad() throws IOException {
        StudentVocabulary chars =
                StudentVocabulary.chineseCharBuilder()
                        .optBigrams(true)
                        .build(List.of("这家酒店很好", "服务很好", "房间很小"));
        Path dir = temp.resolve("zh");
        try (TextCnnClassifier original =
                TextCnnClassifier.builder()
                        .setVocabulary(chars)
                        .setLabels(LabelSet.of("0", "1"))
                        .optConfig(
                                Fixtures.tinyConfig()
                                        .optEmbeddingMode(EmbeddingMode.MULTICHANNEL)
                                        .build())
                        .build()) {
            original.save(dir);
            try (TextCnnClassifier loaded = TextCnnClassifier.load(dir)) {
                assertEquals(VocabularyKind.CHINESE_CHAR, loaded.vocabulary().kind());
                assertTrue(loaded.vocabulary().bigrams());
                assertEquals(EmbeddingMode.MULTICHANNEL, loaded.config().embeddingMode());
                assertEquals(
                        original.encoder().encode("酒店很好").tokenIds().length,
                        loaded.encoder().encode("酒店很好").tokenIds().length);
                assertArrayEquals(original.logits("酒店服务很好"), loaded.logits("酒店服务很好"), 0f);
            }
        }
    }

    @Test
    void loadingRejectsAVocabularyThatDoesNotMatchTheWeights() throws IOException {
        Path dir = temp.resolve("model");
        try (TextCnnClassifier original = Fixtures.tinyClassifier()) {
            original.save(dir);
        }
        Files.writeString(
                dir.resolve("vocab.txt"),
                Files.readString(dir.resolve("vocab.txt")) + "extra\n",
                StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> TextCnnClassifier.load(dir));
        assertTrue(e.getMessage().contains("vocab.txt"), e.getMessage());
        assertTrue(
                e.getMessage().contains("does not match")
                        || e.getMessage().contains("does not belong"),
                e.getMessage());
    }

    @Test
    void loadingRejectsCorruptWeights() throws IOException {
        Path dir = temp.resolve("model");
        try (TextCnnClassifier original = Fixtures.tinyClassifier()) {
            original.save(dir);
        }
        byte[] weights = Files.readAllBytes(dir.resolve("model.safetensors"));
        Files.write(
                dir.resolve("model.safetensors"),
                java.util.Arrays.copyOf(weights, weights.length - 100));
        IOException e = assertThrows(IOException.class, () -> TextCnnClassifier.load(dir));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    /** Each broken setting is named by its key path in config.json, without a Java class name. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"kind\": \"WORD\"|\"kind\": \"WORDZ\"|config.json: vocabulary.kind: expected one"
                        + " of",
                "\"lowerCase\": true|\"lowerCase\": \"yes\"|config.json: vocabulary.lowerCase:"
                        + " expected true or false",
                "\"kernelWidths\": [|\"kernelWidths\": \"3,4\", \"x\": [|config.json:"
                        + " textcnn.kernelWidths: expected a list of whole numbers",
                "\"textcnn\": {|\"textcnnx\": {|config.json: textcnn: expected an object, got"
                        + " nothing",
                "\"numClasses\": 2|\"numClasses\": 3|config.json: numClasses is 3 but labels.json"
                        + " has 2 labels"
            })
    void aBrokenSettingIsNamedByItsKey(String from, String to, String expected) throws IOException {
        Path dir = temp.resolve("model");
        try (TextCnnClassifier original = Fixtures.tinyClassifier()) {
            original.save(dir);
        }
        Path config = dir.resolve("config.json");
        String written = Files.readString(config);
        assertTrue(written.contains(from), written);
        Files.writeString(config, written.replace(from, to));
        IOException e = assertThrows(IOException.class, () -> TextCnnClassifier.load(dir));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        assertFalse(e.getMessage().contains("io.github."), e.getMessage());
    }

    @Test
    void aTeacherFolderIsNamedAsOne() throws IOException {
        Path dir = temp.resolve("teacher");
        try (TextCnnClassifier original = Fixtures.tinyClassifier()) {
            original.save(dir);
        }
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\"}");
        IOException e = assertThrows(IOException.class, () -> TextCnnClassifier.load(dir));
        assertEquals(
                dir.resolve("config.json")
                        + ": not a TextCNN model (format is not bert-distill/textcnn); it is a"
                        + " Hugging Face model of type bert, such as a teacher: load it with its"
                        + " own loader (BertClassifier.load for a BERT teacher)",
                e.getMessage());
    }

    @Test
    void loadingRejectsWeightsOfAnotherArchitecture() throws IOException {
        Path dir = temp.resolve("model");
        try (TextCnnClassifier original = Fixtures.tinyClassifier()) {
            original.save(dir);
        }
        Path config = dir.resolve("config.json");
        Files.writeString(
                config,
                Files.readString(config)
                        .replace("\"filtersPerWidth\": 8", "\"filtersPerWidth\": 9"));
        IOException e = assertThrows(IOException.class, () -> TextCnnClassifier.load(dir));
        assertTrue(e.getMessage().contains("convs.0.weight"), e.getMessage());
    }

    @Test
    void aKernelWiderThanTheMaximumLengthIsAClearError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                TextCnnConfig.builder()
                                        .optKernelWidths(3, 9)
                                        .optMaxLength(8)
                                        .build());
        assertTrue(e.getMessage().contains("kernel width 9 is wider than maxLength 8"));
    }

    @Test
    void badInputsGiveWellDefinedResults() {
        try (TextCnnClassifier classifier = Fixtures.tinyClassifier()) {
            float[] empty = classifier.logits("");
            float[] blank = classifier.logits("   \n\t ");
            assertArrayEquals(empty, blank, 0f);
            for (float z : empty) {
                assertTrue(Float.isFinite(z));
            }
            // only unknown tokens: every token is [UNK]
            EncodedText unknown = classifier.encoder().encode("zyzzyva quixotic xylophone");
            assertEquals(3, unknown.length());
            for (long id : unknown.tokenIds()) {
                assertEquals(classifier.vocabulary().vocabulary().unkId(), id);
            }
            assertTrue(Float.isFinite(classifier.logits("zyzzyva quixotic xylophone")[0]));
            // far longer than maxLength (32): truncated, and only the first 32 tokens count
            String head = "the film is a mess ".repeat(7).trim(); // 35 tokens
            String longText = head + " wonderful".repeat(5000);
            EncodedText encoded = classifier.encoder().encode(longText);
            assertEquals(32, encoded.length());
            assertTrue(encoded.truncated());
            assertArrayEquals(classifier.logits(head), classifier.logits(longText), 0f);
            assertEquals(2, classifier.predict(longText).probabilities().length);
            assertEquals(0, classifier.logits(List.<String>of()).length);
            assertThrows(NullPointerException.class, () -> classifier.logits((String) null));
        }
    }

    @Test
    void reportsItsParameterCount() {
        try (TextCnnClassifier classifier = Fixtures.tinyClassifier()) {
            int v = classifier.vocabulary().size();
            long expected =
                    v * 16L + (8 * 16 * 2 + 8) + (8 * 16 * 3 + 8) + (8 * 16 * 4 + 8) + (2 * 24 + 2);
            assertEquals(expected, classifier.parameterCount());
        }
    }

    @Test
    void eightThreadsGiveTheSequentialResults() throws Exception {
        try (TextCnnClassifier classifier = Fixtures.tinyClassifier()) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                texts.add(
                        Fixtures.TEXTS.get(i % Fixtures.TEXTS.size())
                                + " "
                                + "great film ".repeat(i % 7));
            }
            float[][] expected = new float[texts.size()][];
            for (int i = 0; i < texts.size(); i++) {
                expected[i] = classifier.logits(texts.get(i));
            }
            // after the first call, which packs the convolutions for single texts once
            int arraysBefore = classifier.manager().getManagedArrays().size();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    futures.add(
                            pool.submit(
                                    () -> {
                                        int mismatches = 0;
                                        for (int i = 0; i < 1000; i++) {
                                            int k = (i * 7 + thread) % texts.size();
                                            float[] got =
                                                    i % 10 == 0
                                                            ? classifier
                                                                    .logits(List.of(texts.get(k)))[
                                                                    0]
                                                            : classifier.logits(texts.get(k));
                                            if (!java.util.Arrays.equals(got, expected[k])) {
                                                mismatches++;
                                            }
                                        }
                                        return mismatches;
                                    }));
                }
                for (Future<Integer> f : futures) {
                    assertEquals(0, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
            // every call closed its own sub-manager: no NDArray outlives a call
            assertEquals(arraysBefore, classifier.manager().getManagedArrays().size());
        }
    }
}

package io.github.bertdistill.student.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.EncodedText;
import io.github.bertdistill.student.Fixtures;
import io.github.bertdistill.student.model.EmbeddingMode;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentTextEncoder;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX Runtime on the student's graph gives the DJL student's logits (≤ 1e-5) on texts of varied
 * length: padded batches, texts shorter than the widest kernel, an empty text (all padding), and
 * batches shorter than the widest kernel, which only the graph accepts.
 */
class TextCnnOnnxGraphTest {
    private static final float TOLERANCE = 1e-5f;
    private static final List<String> TEXTS =
            List.of(
                    "A wonderful, moving film.",
                    "dull",
                    "",
                    "The plot is thin and the acting is dull, and I loved every minute of it"
                            + " anyway!",
                    "great cast",
                    "the film is a mess");

    @TempDir Path folder;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @ParameterizedTest
    @EnumSource(EmbeddingMode.class)
    void onnxRuntimeGivesTheStudentsLogits(EmbeddingMode mode) throws Exception {
        assertOnnxRuntimeAgrees(
                Fixtures.tinyConfig().optKernelWidths(1, 3, 5).optEmbeddingMode(mode));
    }

    /**
     * ONNX's bidirectional LSTM with sequence lengths reads each text backwards from its last real
     * token and takes its gates in another order: any slip in the reordering or the reversal shows.
     */
    @ParameterizedTest
    @EnumSource(
            value = EmbeddingMode.class,
            names = {"NON_STATIC", "MULTICHANNEL"})
    void onnxRuntimeGivesTheLogitsOfAStudentWithAContextLayer(EmbeddingMode mode) throws Exception {
        assertOnnxRuntimeAgrees(
                Fixtures.tinyConfig()
                        .optKernelWidths(1, 3, 5)
                        .optEmbeddingMode(mode)
                        .optLstmSize(7));
    }

    @ParameterizedTest(name = "lstmSize {0}")
    @ValueSource(ints = {0, 7})
    void onnxRuntimeGivesTheLogitsOfAStudentWithAttentionPooling(int lstmSize) throws Exception {
        assertOnnxRuntimeAgrees(
                Fixtures.tinyConfig()
                        .optKernelWidths(1, 3)
                        .optLstmSize(lstmSize)
                        .optAttentionSize(6));
    }

    /**
     * A text longer than the student's maximum length, given to the graph whole: the graph reads
     * its first {@code maxLength} tokens, as the JVM's encoder does, with or without a context
     * layer.
     */
    @ParameterizedTest(name = "lstmSize {0}")
    @ValueSource(ints = {0, 7})
    void theGraphReadsTheFirstMaxLengthTokensOfALongerInput(int lstmSize) throws Exception {
        try (TextCnnClassifier student =
                TextCnnClassifier.builder()
                        .setVocabulary(Fixtures.words())
                        .setLabels(Fixtures.LABELS)
                        .optConfig(
                                Fixtures.tinyConfig().optMaxLength(6).optLstmSize(lstmSize).build())
                        .optSeed(11)
                        .build()) {
            Path model = folder.resolve("model.onnx");
            TextCnnOnnxGraph.of(student).write(model, "test", "1");
            String text = TEXTS.get(3);
            EncodedText whole = new StudentTextEncoder(student.vocabulary(), 1000, 1).encode(text);
            assertTrue(whole.length() > 6, "the text has " + whole.length() + " tokens");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession session =
                    environment.createSession(model.toString(), new OrtSession.SessionOptions())) {
                float[][] untruncated =
                        run(environment, session, EncodedBatch.pad(List.of(whole), 0, 1));
                assertAgree(new float[][] {student.logits(text)}, untruncated);
                // and the student's first six tokens alone give those logits too
                EncodedText truncated = student.encoder().encode(text);
                assertEquals(6, truncated.length());
                assertAgree(
                        untruncated,
                        run(environment, session, EncodedBatch.pad(List.of(truncated), 0, 1)));
            }
        }
    }

    private void assertOnnxRuntimeAgrees(TextCnnConfig.Builder config) throws Exception {
        try (TextCnnClassifier student =
                TextCnnClassifier.builder()
                        .setVocabulary(Fixtures.words())
                        .setLabels(Fixtures.LABELS)
                        .optConfig(config.build())
                        .optSeed(11)
                        .build()) {
            Path model = folder.resolve("model.onnx");
            TextCnnOnnxGraph.of(student).write(model, "test", "1");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession session =
                    environment.createSession(model.toString(), new OrtSession.SessionOptions())) {
                List<EncodedText> encoded =
                        TEXTS.stream().map(t -> student.encoder().encode(t)).toList();
                // One padded batch of all texts, as the JVM encoder pads it.
                EncodedBatch batch =
                        EncodedBatch.pad(
                                encoded,
                                student.encoder().padId(),
                                student.encoder().minBatchLength());
                assertAgree(student.logits(batch), run(environment, session, batch));
                // Each text alone at its own length, shorter than the widest kernel included.
                for (EncodedText text : encoded) {
                    EncodedBatch alone = EncodedBatch.pad(List.of(text), 0, 1);
                    EncodedBatch padded =
                            EncodedBatch.pad(List.of(text), 0, student.encoder().minBatchLength());
                    assertAgree(student.logits(padded), run(environment, session, alone));
                }
            }
        }
    }

    private static float[][] run(OrtEnvironment environment, OrtSession session, EncodedBatch batch)
            throws Exception {
        long[] shape = {batch.size(), batch.length()};
        try (OnnxTensor ids =
                        OnnxTensor.createTensor(
                                environment, LongBuffer.wrap(batch.tokenIds()), shape);
                OnnxTensor mask =
                        OnnxTensor.createTensor(
                                environment, LongBuffer.wrap(batch.attentionMask()), shape);
                OrtSession.Result result =
                        session.run(Map.of("input_ids", ids, "attention_mask", mask))) {
            return (float[][]) result.get("logits").orElseThrow().getValue();
        }
    }

    private static void assertAgree(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
    }
}

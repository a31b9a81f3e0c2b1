package io.github.bertdistill.teacher.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.core.model.LogitsAndFeatures;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The teacher's ONNX graph run by ONNX Runtime gives the logits and the pooled features of the DJL
 * forward the teacher was trained with, within the labelling tolerance of 1e-4, on batches with
 * padding.
 */
class BertOnnxGraphTest {
    private static final float TOLERANCE = 1e-4f;
    private static final LabelSet LABELS = LabelSet.of("neg", "neutral", "pos");

    /** Mixed lengths, so every batch is padded; one text longer than the maximum length. */
    private static final List<String> TEXTS =
            List.of(
                    "a",
                    "the plot was very boring and the acting was awful, i left early",
                    "fun",
                    "i loved it",
                    "not what i expected from the director of such a fine debut, sadly",
                    "ok ".repeat(40),
                    "great");

    private static final BertConfig SMALL =
            BertConfig.builder()
                    .setHiddenSize(16)
                    .setNumHiddenLayers(2)
                    .setNumAttentionHeads(4)
                    .setIntermediateSize(32)
                    .build();

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void onnxRuntimeGivesTheLogitsOfTheTrainingForward(Pooling pooling) throws IOException {
        try (BertClassifier teacher =
                        BertClassifier.create(
                                SMALL, BertPreset.MINILM_L6.tokenizer(32), LABELS, pooling);
                OnnxClassifier onnx = OnnxClassifier.of(teacher)) {
            assertAgree(teacher.logits(TEXTS), onnx.logits(TEXTS));
            assertEquals(teacher.labels(), onnx.labels());
            assertEquals(32, onnx.encoder().maxLength());
            assertEquals(16, teacher.featureSize());
            assertEquals(16, onnx.featureSize());
            assertAgree(
                    teacher.features(teacher.encoder().encodeBatch(TEXTS)),
                    onnx.features(onnx.encoder().encodeBatch(TEXTS)));
            assertOnePassGivesBoth(teacher);
            assertOnePassGivesBoth(onnx);
        }
    }

    /** One forward pass gives exactly the logits and features that two separate calls give. */
    private static void assertOnePassGivesBoth(FeatureClassifier model) {
        EncodedBatch batch = model.encoder().encodeBatch(TEXTS);
        LogitsAndFeatures both = model.logitsAndFeatures(batch);
        assertTrue(Arrays.deepEquals(model.logits(batch), both.logits()), "logits");
        assertTrue(Arrays.deepEquals(model.features(batch), both.features()), "features");
    }

    /** Real pretrained weights: MiniLM-L6's six layers with a new head. */
    @Test
    void aPretrainedEncoderAgreesToo() throws IOException {
        try (BertClassifier teacher =
                        BertClassifier.fromPreset(BertPreset.MINILM_L6, LABELS, Pooling.CLS, 64);
                OnnxClassifier onnx = OnnxClassifier.of(teacher)) {
            assertAgree(teacher.logits(TEXTS), onnx.logits(TEXTS));
        }
    }

    /** The graph written to a file loads like any exported teacher. */
    @Test
    void theWrittenGraphLoadsAsAnExportedTeacher(@TempDir Path folder) throws IOException {
        try (BertClassifier teacher =
                BertClassifier.create(
                        SMALL, BertPreset.MINILM_L6.tokenizer(32), LABELS, Pooling.MEAN)) {
            Path model = folder.resolve("model.onnx");
            BertOnnxGraph.of(teacher).write(model, OnnxClassifier.PRODUCER, "test");
            Path tokenizer =
                    Files.write(folder.resolve("tokenizer.json"), teacher.tokenizer().toJson());
            try (OnnxClassifier onnx = OnnxClassifier.load(model, tokenizer, LABELS, 32)) {
                assertAgree(teacher.logits(TEXTS), onnx.logits(TEXTS));
                assertAgree(
                        teacher.features(teacher.encoder().encodeBatch(TEXTS)),
                        onnx.features(onnx.encoder().encodeBatch(TEXTS)));
            }
        }
    }

    private static void assertAgree(float[][] expected, float[][] actual) {
        assertEquals(expected.length, actual.length);
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length);
            for (int j = 0; j < expected[i].length; j++) {
                worst = Math.max(worst, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        assertTrue(worst <= TOLERANCE, "largest difference " + worst);
    }
}

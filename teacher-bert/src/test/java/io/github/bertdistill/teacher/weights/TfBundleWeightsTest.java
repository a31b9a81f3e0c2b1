package io.github.bertdistill.teacher.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TfBundleWeightsTest {
    @Test
    void tensorFlowNamesMapToHuggingFaceNames() {
        assertEquals(
                "encoder.layer.11.attention.self.query.weight",
                TfBundleWeights.hfName("module/bert/encoder/layer_11/attention/self/query/kernel"));
        assertEquals(
                "encoder.layer.0.output.LayerNorm.bias",
                TfBundleWeights.hfName("bert/encoder/layer_0/output/LayerNorm/beta"));
        assertEquals(
                "embeddings.LayerNorm.weight",
                TfBundleWeights.hfName("module/bert/embeddings/LayerNorm/gamma"));
        assertEquals(
                "embeddings.word_embeddings.weight",
                TfBundleWeights.hfName("module/bert/embeddings/word_embeddings"));
        assertEquals("pooler.dense.bias", TfBundleWeights.hfName("module/bert/pooler/dense/bias"));
        assertEquals(
                "cls.predictions.output_bias",
                TfBundleWeights.hfName("module/cls/predictions/output_bias"));
    }

    @Test
    void notAnIndexGetsAClearMessage() {
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                TfBundleWeights.read(
                                        new byte[100],
                                        new ByteArrayInputStream(new byte[0]),
                                        "x.index"));
        assertTrue(e.getMessage().contains("bad magic number"), e.getMessage());
    }
}

package io.github.bertdistill.teacher.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.teacher.OrtReference;
import io.github.bertdistill.teacher.preset.BertPreset;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DJL BERT against ONNX Runtime running the same ONNX file: {@code last_hidden_state} must
 * agree within 1e-4 everywhere (padding positions included), in one padded batch and one sentence
 * at a time.
 */
class OnnxParityTest {
    private static final double TOLERANCE = 1e-4;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @Test
    void miniLmMatchesOnnxRuntime() throws Exception {
        assertParity(BertPreset.MINILM_L6, OrtReference.ENGLISH);
    }

    @Test
    void bgeSmallZhMatchesOnnxRuntime() throws Exception {
        assertParity(BertPreset.BGE_SMALL_ZH, OrtReference.CHINESE);
    }

    private static void assertParity(BertPreset preset, List<String> sentences) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                BertTokenizer tokenizer = preset.tokenizer(128);
                OrtSession session = OrtReference.session(preset)) {
            BertModel model = preset.model(manager);
            double[] batch = maxDiff(model, session, tokenizer.encodeBatch(sentences), manager);
            double single = 0;
            for (String sentence : sentences) {
                EncodedBatch one = tokenizer.encodeBatch(List.of(sentence));
                single = Math.max(single, maxDiff(model, session, one, manager)[0]);
            }
            System.out.printf(
                    "parity %s, %d sentences, max |DJL - ORT| of last_hidden_state: padded batch"
                            + " %.3g on real tokens (%.3g with padding positions), one at a time"
                            + " %.3g%n",
                    preset.id(), sentences.size(), batch[0], batch[1], single);
            assertTrue(batch[0] <= TOLERANCE, "padded batch differs by " + batch[0]);
            assertTrue(single <= TOLERANCE, "single sentences differ by " + single);
        }
    }

    /** Max |DJL − ORT| over real tokens, then over all positions (padding included). */
    private static double[] maxDiff(
            BertModel model, OrtSession session, EncodedBatch batch, NDManager manager)
            throws OrtException {
        float[] ours;
        try (NDManager step = manager.newSubManager()) {
            ours =
                    model.forward(new ParameterStore(step, false), batch.toNDList(step), false)
                            .head()
                            .toFloatArray();
        }
        float[] reference = OrtReference.lastHiddenState(session, batch);
        assertEquals(reference.length, ours.length);
        long[] mask = batch.attentionMask();
        int hidden = ours.length / mask.length;
        double[] max = new double[2];
        for (int i = 0; i < ours.length; i++) {
            double diff = Math.abs(ours[i] - reference[i]);
            max[1] = Math.max(max[1], diff);
            if (mask[i / hidden] == 1) {
                max[0] = Math.max(max[0], diff);
            }
        }
        return max;
    }
}

package io.github.bertdistill.teacher;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime running a preset's ONNX file: the reference for the parity tests and the latency
 * benchmark, with the sentences both use.
 */
public final class OrtReference {
    private OrtReference() {}

    /** Varied sentences. */
    public static final List<String> ENGLISH =
            List.of(
                    "Hello world!",
                    "The quick brown fox jumps over the lazy dog.",
                    "This movie was absolutely wonderful, I loved every minute of it.",
                    "Terrible service; we waited two hours and the food was cold.",
                    "Is it raining in Paris today?",
                    "unbelievably, the 3rd attempt at re-tokenization worked (mostly).",
                    "A",
                    "Knowledge distillation trains a small student network to imitate a large"
                            + " teacher network by matching its softened output distribution,"
                            + " which often transfers more information than hard labels alone.");

    /** Varied Chinese sentences, one with Latin letters and digits. */
    public static final List<String> CHINESE =
            List.of(
                    "你好，世界！",
                    "这部电影非常好看，我很喜欢。",
                    "服务太差了，等了两个小时。",
                    "今天北京的天气怎么样？",
                    "酒店的位置很方便，但是房间有点小。",
                    "知识蒸馏让小模型学习大模型的输出分布。",
                    "好",
                    "BERT 模型在 2019 年发表，Transformer 架构。");

    /**
     * A session on the preset's ONNX file. Its threads do not spin while idle (spinning threads
     * would take the CPU from the DJL model measured right after it on a 2-core machine), and it
     * uses as many intra-op threads as DJL's PyTorch is given ({@code ai.djl.pytorch.num_threads}),
     * if that is set.
     */
    public static OrtSession session(BertPreset preset) throws IOException, OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        Integer threads = Integer.getInteger("ai.djl.pytorch.num_threads");
        if (threads != null) {
            options.setIntraOpNumThreads(threads);
        }
        return OrtEnvironment.getEnvironment().createSession(onnxBytes(preset), options);
    }

    private static byte[] onnxBytes(BertPreset preset) throws IOException {
        String name =
                Map.of(
                                BertPreset.MINILM_L6, "all-minilm-l6-v2.onnx",
                                BertPreset.BGE_SMALL_ZH, "bge-small-zh-v1.5.onnx",
                                BertPreset.BGE_SMALL_EN, "bge-small-en-v1.5.onnx")
                        .get(preset);
        try (InputStream in = OrtReference.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    /** {@code last_hidden_state} of the batch, flat {@code [batch, length, hidden]}. */
    public static float[] lastHiddenState(OrtSession session, EncodedBatch batch)
            throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {batch.size(), batch.length()};
        try (OnnxTensor ids =
                        OnnxTensor.createTensor(env, LongBuffer.wrap(batch.tokenIds()), shape);
                OnnxTensor mask =
                        OnnxTensor.createTensor(
                                env, LongBuffer.wrap(batch.attentionMask()), shape);
                OnnxTensor types =
                        OnnxTensor.createTensor(env, LongBuffer.wrap(batch.tokenTypeIds()), shape);
                OrtSession.Result result =
                        session.run(
                                Map.of(
                                        "input_ids",
                                        ids,
                                        "attention_mask",
                                        mask,
                                        "token_type_ids",
                                        types))) {
            OnnxTensor out = (OnnxTensor) result.get(0);
            float[] flat =
                    new float
                            [Math.toIntExact(
                                    out.getInfo().getShape()[0]
                                            * out.getInfo().getShape()[1]
                                            * out.getInfo().getShape()[2])];
            out.getFloatBuffer().get(flat);
            return flat;
        }
    }
}

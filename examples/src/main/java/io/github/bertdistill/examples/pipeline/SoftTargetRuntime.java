package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.distill.cache.TeacherFingerprint;
import io.github.bertdistill.examples.recipe.LabellingEngine;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.onnx.OnnxClassifier;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs the fine-tuned teacher while it writes soft targets (the recipe's {@code
 * engine.labelWith}): the teacher's own forward, or — for a BERT teacher and ONNX Runtime — the
 * teacher's ONNX graph ({@code BertOnnxGraph}) in an ONNX Runtime session.
 *
 * <p>The two give logits that differ in rounding only (≤ 5e-7 on MiniLM in the tests). Before an
 * ONNX Runtime teacher labels anything it is compared with the PyTorch forward on the first texts
 * of the transfer set; a difference above {@value #TOLERANCE} stops the stage. The logit cache's
 * fingerprint then carries an {@code engine} part, so logits from the two runtimes are never mixed
 * in one cache; a teacher labelling with its own forward keeps the fingerprint it always had.
 */
public final class SoftTargetRuntime {
    /** The largest logit difference allowed between ONNX Runtime and the training forward. */
    public static final float TOLERANCE = 1e-4f;

    private static final Logger LOG = LoggerFactory.getLogger(SoftTargetRuntime.class);
    private static final int CHECKED_TEXTS = 32;
    private static final String ENGINE_PART = "engine";
    private static final String ONNX_RUNTIME = "onnx-runtime, bert-distill graph";

    private final boolean onnx;

    private SoftTargetRuntime(boolean onnx) {
        this.onnx = onnx;
    }

    /** The runtime {@code choice} gives {@code teacher}: ONNX Runtime only for a BERT teacher. */
    public static SoftTargetRuntime of(EncodingClassifier teacher, LabellingEngine choice) {
        boolean onnx =
                teacher instanceof BertClassifier
                        && switch (choice) {
                            case PYTORCH -> false;
                            case ONNX_RUNTIME -> true;
                            case AUTO -> !EngineBootstrap.device().isGpu();
                        };
        return new SoftTargetRuntime(onnx);
    }

    /**
     * Whether the teacher labels on ONNX Runtime; a distributed job checks the graph once with
     * {@link #labeller} and builds it on each worker with {@link OnnxClassifier#of}.
     */
    public boolean onOnnxRuntime() {
        return onnx;
    }

    /** The cache's fingerprint: the teacher's, plus the runtime when it is ONNX Runtime. */
    public TeacherFingerprint cacheFingerprint(TeacherFingerprint.Builder teacher) {
        return onnx ? teacher.optPart(ENGINE_PART, ONNX_RUNTIME).build() : teacher.build();
    }

    /**
     * The classifier that labels: {@code teacher} itself, or its ONNX graph on ONNX Runtime after
     * the check against {@code teacher} on the first of {@code texts}. Close what it returns unless
     * it is {@code teacher}.
     *
     * @throws IllegalStateException if ONNX Runtime's logits differ from the teacher's by more than
     *     {@value #TOLERANCE}
     */
    public EncodingClassifier labeller(EncodingClassifier teacher, List<String> texts)
            throws IOException {
        if (!onnx) {
            return teacher;
        }
        OnnxClassifier runtime = OnnxClassifier.of((BertClassifier) teacher);
        List<String> sample = texts.subList(0, Math.min(CHECKED_TEXTS, texts.size()));
        float difference = largestDifference(teacher.logits(sample), runtime.logits(sample));
        if (!(difference <= TOLERANCE)) {
            runtime.close();
            throw new IllegalStateException(
                    String.format(
                            "the teacher's ONNX graph gives logits %.3g away from its PyTorch"
                                    + " forward (limit %.0e) on the first %d texts; label with"
                                    + " --set engine.labelWith=pytorch",
                            difference, TOLERANCE, sample.size()));
        }
        LOG.info(
                "label: the teacher runs on ONNX Runtime (largest logit difference to its PyTorch"
                        + " forward on {} texts: {})",
                sample.size(),
                String.format("%.2g", difference));
        return runtime;
    }

    private static float largestDifference(float[][] expected, float[][] actual) {
        float largest = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                largest = Math.max(largest, Math.abs(expected[i][j] - actual[i][j]));
            }
        }
        return largest;
    }
}

package io.github.bertdistill.teacher.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.onnxruntime.OrtSession;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.OrtReference;
import io.github.bertdistill.teacher.model.BertModel;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: latency of the DJL BERT next to ONNX Runtime on the same ONNX weights and sentences
 * (encoder only, {@code last_hidden_state}), and the time of one fine-tuning step. Run with {@code
 * mvn -pl teacher-bert test-compile} and then {@code java -cp <test class path>
 * io.github.bertdistill.teacher.bench.TeacherLatencyBenchmark} (see the README).
 */
public final class TeacherLatencyBenchmark {
    private TeacherLatencyBenchmark() {}

    /** Prints medians for MiniLM-L6 and bge-small-en, then the fine-tuning step. */
    public static void main(String[] args) throws Exception {
        EngineBootstrap.start();
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            for (String s : OrtReference.ENGLISH) {
                sentences.add(i == 0 ? s : s + " (" + i + ")");
            }
        }
        for (BertPreset preset : List.of(BertPreset.MINILM_L6, BertPreset.BGE_SMALL_EN)) {
            compare(preset, sentences);
        }
        fineTuneStep();
    }

    private static void compare(BertPreset preset, List<String> sentences) throws Exception {
        try (NDManager manager = NDManager.newBaseManager();
                BertTokenizer tokenizer = preset.tokenizer(128);
                OrtSession session = OrtReference.session(preset)) {
            BertModel model = preset.model(manager);
            List<EncodedBatch> singles = new ArrayList<>();
            for (String s : sentences) {
                singles.add(tokenizer.encodeBatch(List.of(s)));
            }
            EncodedBatch all = tokenizer.encodeBatch(sentences);
            Timed djl = batch -> run(model, batch, manager);
            Timed ort = batch -> OrtReference.lastHiddenState(session, batch);
            double[] one = sideBySide(djl, ort, singles, 8, 64);
            double[] many = sideBySide(djl, ort, List.of(all), 2, 7);
            System.out.printf(
                    "%s batch 1: DJL %.2f ms, ORT %.2f ms (DJL/ORT %.2f); batch 32 (padded to %d):"
                            + " DJL %.0f ms = %.0f sent/s, ORT %.0f ms = %.0f sent/s (DJL/ORT time"
                            + " %.2f)%n",
                    preset.id(),
                    one[0],
                    one[1],
                    one[0] / one[1],
                    all.length(),
                    many[0],
                    32_000 / many[0],
                    many[1],
                    32_000 / many[1],
                    many[0] / many[1]);
        }
    }

    private static void fineTuneStep() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            text.append("word").append(i).append(' ');
        }
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            batch.add(text.toString());
        }
        try (BertClassifier teacher =
                BertClassifier.fromPreset(
                        BertPreset.MINILM_L6, LabelSet.of("neg", "pos"), Pooling.CLS, 64)) {
            Optimizer adam = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(2e-5f)).build();
            float[] labels = new float[32];
            double[] times = new double[4];
            for (int r = 0; r < times.length; r++) {
                long start = System.nanoTime();
                try (NDManager step = teacher.manager().newSubManager();
                        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    EncodedBatch encoded = teacher.encoder().encodeBatch(batch);
                    NDArray logits =
                            teacher.block()
                                    .forward(
                                            new ParameterStore(step, false),
                                            encoded.toNDList(step),
                                            true)
                                    .head();
                    NDArray loss =
                            Loss.softmaxCrossEntropyLoss()
                                    .evaluate(new NDList(step.create(labels)), new NDList(logits));
                    collector.backward(loss);
                    for (Parameter p : teacher.bertBlock().hfParameters().values()) {
                        adam.update(p.getId(), p.getArray(), p.getArray().getGradient());
                    }
                }
                times[r] = (System.nanoTime() - start) / 1e6;
            }
            System.out.printf(
                    "minilm-l6 fine-tuning step, batch 32 x 64 tokens (forward + backward + AdamW):"
                            + " median %.0f ms over %d steps after one warm-up%n",
                    median(Arrays.copyOfRange(times, 1, times.length)), times.length - 1);
        }
    }

    private static void run(BertModel model, EncodedBatch batch, NDManager manager) {
        try (NDManager step = manager.newSubManager()) {
            model.forward(new ParameterStore(step, false), batch.toNDList(step), false)
                    .head()
                    .toFloatArray();
        }
    }

    @FunctionalInterface
    private interface Timed {
        void run(EncodedBatch batch) throws Exception;
    }

    /**
     * Median times of {@code a} and {@code b} over {@code runs} rounds through {@code inputs}, each
     * round running both on the same input, one after the other, so both see the same machine load.
     */
    private static double[] sideBySide(
            Timed a, Timed b, List<EncodedBatch> inputs, int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup; i++) {
            a.run(inputs.get(i % inputs.size()));
            b.run(inputs.get(i % inputs.size()));
        }
        double[] timesA = new double[runs];
        double[] timesB = new double[runs];
        for (int i = 0; i < runs; i++) {
            EncodedBatch input = inputs.get(i % inputs.size());
            long start = System.nanoTime();
            a.run(input);
            long middle = System.nanoTime();
            b.run(input);
            timesA[i] = (middle - start) / 1e6;
            timesB[i] = (System.nanoTime() - middle) / 1e6;
        }
        return new double[] {median(timesA), median(timesB)};
    }

    private static double median(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

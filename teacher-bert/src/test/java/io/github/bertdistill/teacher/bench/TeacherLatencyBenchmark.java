package io.github.bertdistill.teacher.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtSession;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.teacher.OrtReference;
import io.github.bertdistill.teacher.model.BertModel;
import io.github.bertdistill.teacher.preset.BertPreset;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: latency of the DJL BERT next to ONNX Runtime in the same process, on the same ONNX
 * weights and real sentences (encoder only, {@code last_hidden_state}), each round running both on
 * the same input. Run with {@code mvn -pl teacher-bert test-compile} and then {@code java -cp <test
 * class path> io.github.bertdistill.teacher.bench.TeacherLatencyBenchmark} (see the README). The
 * fine-tuning step and the peer harness's JSON lines are examples' {@code BertEngineBench}, which
 * trains with distill's optimiser.
 */
public final class TeacherLatencyBenchmark {
    private TeacherLatencyBenchmark() {}

    /** Prints medians for MiniLM-L6 and bge-small-en. */
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

package io.github.bertdistill.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OrtEnvironment;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.EncodedText;
import io.github.bertdistill.distill.loss.DistillationLabels;
import io.github.bertdistill.distill.loss.HardLabelLoss;
import io.github.bertdistill.distill.train.AdamOptimizer;
import io.github.bertdistill.distill.train.OptimizerKind;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.model.BertModel;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.onnx.OnnxClassifier;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The DJL teacher in the peer harness's BERT cases (not a test): one JSON line {@code {"bench":
 * "bert_djl", "engine": "djl", "model": "<file>.onnx", ...}} with the same keys as the harness's
 * {@code bert_ref.py} and {@code OrtBench}, so {@code summarize.py} shows it beside plain PyTorch
 * and ONNX Runtime.
 *
 * <ul>
 *   <li>inference of the encoder ({@code last_hidden_state}, not copied out) at batch 1 × 32 and
 *       128 tokens (20 warm-up, 200 runs) and batch 32 × 64 (3 warm-up, 20 runs); ids uniform in
 *       [1000, 29000) from {@code Random(0)}, mask all 1, token types 0;
 *   <li>a fine-tuning step at 32 × 64 in training mode (dropout 0.1): mean pooling, a 2-class head,
 *       cross-entropy on random labels, AdamW (lr 2e-5, λ 0.01) over every weight; 2 warm-up steps,
 *       then 5 windows of 2 steps.
 * </ul>
 *
 * <p>Arguments: {@code minilm-l6|bge-small-en [--tag NAME] [--quick] [--onnx]}; {@code --tag
 * before} names the record {@code bert_djl_before}, a second column of the same table. With {@code
 * --onnx} the inference cases run the project's labelling path on ONNX Runtime instead — the graph
 * {@code BertOnnxGraph} writes of the preset with a mean-pooled 2-class head, through {@code
 * OnnxClassifier} (so the logits are copied out) — as the record {@code bert_djl_onnx} (or with its
 * tag), and there is no fine-tuning case.
 */
public final class BertEngineBench {
    private static final LabelSet LABELS = LabelSet.of("neg", "pos");

    private BertEngineBench() {}

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        BertPreset preset = BertPreset.fromId(args[0]);
        boolean quick = options.contains("--quick");
        EngineBootstrap.start();
        JsonObject record = BenchRecord.header("bert", options, Engine.getEngine("PyTorch"));
        record.addProperty("model", onnxFile(preset));
        record.addProperty("layers", preset.config().numHiddenLayers());
        if (options.contains("--onnx")) {
            inferOnOnnxRuntime(record, preset, quick);
            System.out.println(record);
            return;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            BertModel model = preset.model(manager);
            infer(record, model, manager, 1, 32, quick ? 3 : 20, quick ? 20 : 200);
            infer(record, model, manager, 1, 128, quick ? 3 : 20, quick ? 20 : 200);
            infer(record, model, manager, 32, 64, quick ? 1 : 3, quick ? 3 : 20);
        }
        record.addProperty("rss_after_infer_mb", PeerTiming.peakRssMb());
        try (BertClassifier teacher = BertClassifier.fromPreset(preset, LABELS, Pooling.MEAN, 64);
                AdamOptimizer adamW =
                        new AdamOptimizer(OptimizerKind.ADAMW, 0.01f, teacher.manager())) {
            TrainingStep step =
                    new TrainingStep(
                            teacher.block(), new HardLabelLoss(), adamW, 2e-5f, teacher.manager());
            TrainingStep.Batch batch = batch(32, 64);
            JsonObject fineTune =
                    PeerTiming.windows(
                            () -> step.run(batch), 32, quick ? 1 : 2, quick ? 2 : 5, quick ? 1 : 2);
            fineTune.addProperty("optimizer", "AdamW(lr=2e-5,wd=0.01)");
            fineTune.addProperty("dropout", 0.1);
            record.add("finetune_b32_s64", fineTune);
        }
        record.addProperty("peak_rss_mb", PeerTiming.peakRssMb());
        System.out.println(record);
    }

    private static void infer(
            JsonObject record,
            BertModel model,
            NDManager manager,
            int batchSize,
            int length,
            int warmup,
            int runs)
            throws Exception {
        TrainingStep.Batch batch = batch(batchSize, length);
        PeerTiming.Call call =
                () -> {
                    try (NDManager scope = manager.newSubManager()) {
                        model.forward(new ParameterStore(scope, false), batch.inputs(scope), false);
                    }
                };
        record.add(
                "infer_b" + batchSize + "_s" + length,
                PeerTiming.latency(call, batchSize, warmup, runs));
    }

    /** The label stage's runtime: the preset's graph in an ONNX Runtime session. */
    private static void inferOnOnnxRuntime(JsonObject record, BertPreset preset, boolean quick)
            throws Exception {
        record.addProperty(
                "runtime", "onnxruntime " + OrtEnvironment.getEnvironment().getVersion());
        try (BertClassifier teacher = BertClassifier.fromPreset(preset, LABELS, Pooling.MEAN, 128);
                OnnxClassifier runtime = OnnxClassifier.of(teacher)) {
            for (int[] shape : new int[][] {{1, 32}, {1, 128}, {32, 64}}) {
                EncodedBatch batch = encoded(shape[0], shape[1]);
                boolean single = shape[0] == 1;
                record.add(
                        "infer_b" + shape[0] + "_s" + shape[1],
                        PeerTiming.latency(
                                () -> runtime.logits(batch),
                                shape[0],
                                quick ? (single ? 3 : 1) : (single ? 20 : 3),
                                quick ? (single ? 20 : 3) : (single ? 200 : 20)));
            }
        }
        record.addProperty("peak_rss_mb", PeerTiming.peakRssMb());
    }

    /** The ids of {@link #batch} as encoded texts. */
    private static EncodedBatch encoded(int size, int length) {
        long[] ids = ids(new Random(0), size, length);
        List<EncodedText> texts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            texts.add(
                    EncodedText.of(Arrays.copyOfRange(ids, i * length, (i + 1) * length), length));
        }
        return EncodedBatch.pad(texts, 0, length);
    }

    /** {@code size × length} ids uniform in [1000, 29000), row by row. */
    private static long[] ids(Random random, int size, int length) {
        long[] ids = new long[size * length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1000 + random.nextInt(28_000);
        }
        return ids;
    }

    /** The peer harness's name for the preset's weights (the ONNX file in its jar). */
    private static String onnxFile(BertPreset preset) {
        return switch (preset) {
            case MINILM_L6 -> "all-minilm-l6-v2.onnx";
            case BGE_SMALL_EN -> "bge-small-en-v1.5.onnx";
            default -> throw new IllegalArgumentException("the peer harness has no " + preset.id());
        };
    }

    /** Ids uniform in [1000, 29000), mask 1, token types 0, random binary labels. */
    private static TrainingStep.Batch batch(int size, int length) {
        Random random = new Random(0);
        long[] ids = ids(random, size, length);
        long[] labels = new long[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(LABELS.size());
        }
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        Shape shape = new Shape(size, length);
        return new TrainingStep.Batch() {
            @Override
            public NDList inputs(NDManager scope) {
                return new NDList(
                        scope.create(ids, shape),
                        scope.create(ones, shape),
                        scope.zeros(shape, DataType.INT64));
            }

            @Override
            public NDList labels(NDManager scope) {
                return DistillationLabels.create(scope, labels, new float[size][], LABELS.size());
            }
        };
    }
}

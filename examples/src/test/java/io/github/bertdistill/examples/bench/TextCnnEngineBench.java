package io.github.bertdistill.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.distill.loss.DistillationLabels;
import io.github.bertdistill.distill.loss.DistillationLoss;
import io.github.bertdistill.distill.loss.LossKind;
import io.github.bertdistill.distill.train.AdamOptimizer;
import io.github.bertdistill.distill.train.OptimizerKind;
import io.github.bertdistill.student.model.EmbeddingMode;
import io.github.bertdistill.student.model.TextCnnBlock;
import io.github.bertdistill.student.onnx.TextCnnOnnxGraph;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The TextCNN student in the peer harness's cases (not a test): one JSON line {@code {"bench":
 * "textcnn_djl", "engine": "djl", ...}} with the keys of the harness's {@code textcnn_ref.py}.
 *
 * <ul>
 *   <li>the model: embeddings 30,522 × 128 (trained), widths 3/4/5 × 100 filters, dropout 0.5, 2
 *       classes (4,061,318 parameters);
 *   <li>KD training at batch 64 × 64 tokens: {@code 0.5·CE + 0.5·T²·KL} at T = 4 against cached
 *       teacher logits drawn from N(0, 3²), Adam at lr 1e-3, 8 pre-made batches cycled; 20 warm-up
 *       steps, then 7 windows of 25 steps;
 *   <li>inference at batch 1 × 32 and 64 tokens (50 warm-up, 300 runs), batch 64 × 64 and 32 × 64
 *       (50 warm-up, 200 runs; the harness has no 32 × 64 case).
 * </ul>
 *
 * <p>Arguments: {@code [--tag NAME] [--quick] [--onnx]}. With {@code --onnx} the inference cases
 * run the same block's ONNX graph ({@code TextCnnOnnxGraph}, what {@code bert-distill export}
 * writes) on ONNX Runtime instead, input tensors made per call as DJL makes its arrays, as the
 * record {@code textcnn_djl_onnx}; there is no training case.
 */
public final class TextCnnEngineBench {
    private static final int VOCABULARY = 30_522;
    private static final int CLASSES = 2;

    private TextCnnEngineBench() {}

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        boolean quick = options.contains("--quick");
        EngineBootstrap.start();
        JsonObject record = BenchRecord.header("textcnn", options, Engine.getEngine("PyTorch"));
        try (NDManager manager = NDManager.newBaseManager()) {
            TextCnnBlock block =
                    TextCnnBlock.builder()
                            .setVocabularySize(VOCABULARY)
                            .setNumClasses(CLASSES)
                            .optEmbeddingSize(128)
                            .optKernelWidths(3, 4, 5)
                            .optFiltersPerWidth(100)
                            .optDropout(0.5f)
                            .optEmbeddingMode(EmbeddingMode.NON_STATIC)
                            .optSeed(0)
                            .build();
            block.initialize(manager);
            record.addProperty("params", block.parameterCount());
            record.addProperty("rss_after_model_mb", PeerTiming.peakRssMb());
            if (options.contains("--onnx")) {
                inferOnOnnxRuntime(record, block, quick);
                System.out.println(record);
                return;
            }
            try (AdamOptimizer adam = new AdamOptimizer(OptimizerKind.ADAM, 0, manager)) {
                TrainingStep step =
                        new TrainingStep(
                                block,
                                DistillationLoss.of(LossKind.KL, 4, 0.5f),
                                adam,
                                1e-3f,
                                manager);
                Random random = new Random(0);
                TrainingStep.Batch[] batches = new TrainingStep.Batch[8];
                for (int i = 0; i < batches.length; i++) {
                    batches[i] = batch(random, 64, 64);
                }
                int[] next = {0};
                JsonObject kd =
                        PeerTiming.windows(
                                () -> step.run(batches[next[0]++ % batches.length]),
                                64,
                                quick ? 5 : 20,
                                quick ? 2 : 7,
                                quick ? 5 : 25);
                kd.addProperty("batch", 64);
                kd.addProperty("seq", 64);
                kd.addProperty("T", 4.0);
                kd.addProperty("alpha", 0.5);
                kd.addProperty("optimizer", "Adam(lr=1e-3)");
                record.add("kd_train", kd);
            }
            record.addProperty("rss_after_train_mb", PeerTiming.peakRssMb());
            Random random = new Random(1);
            int warmup = quick ? 5 : 50;
            infer(record, block, manager, batch(random, 1, 32), 1, 32, warmup, quick ? 50 : 300);
            infer(record, block, manager, batch(random, 1, 64), 1, 64, warmup, quick ? 50 : 300);
            infer(record, block, manager, batch(random, 64, 64), 64, 64, warmup, quick ? 50 : 200);
            infer(record, block, manager, batch(random, 32, 64), 32, 64, warmup, quick ? 50 : 200);
        }
        record.addProperty("peak_rss_mb", PeerTiming.peakRssMb());
        System.out.println(record);
    }

    private static void infer(
            JsonObject record,
            TextCnnBlock block,
            NDManager manager,
            TrainingStep.Batch batch,
            int size,
            int length,
            int warmup,
            int runs)
            throws Exception {
        PeerTiming.Call call =
                () -> {
                    try (NDManager scope = manager.newSubManager()) {
                        block.forward(new ParameterStore(scope, false), batch.inputs(scope), false);
                    }
                };
        record.add("infer_b" + size + "_s" + length, PeerTiming.latency(call, size, warmup, runs));
    }

    /** The inference cases on the block's ONNX graph in an ONNX Runtime session. */
    private static void inferOnOnnxRuntime(JsonObject record, TextCnnBlock block, boolean quick)
            throws Exception {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        record.addProperty("runtime", "onnxruntime " + environment.getVersion());
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(Integer.getInteger("ai.djl.pytorch.num_threads", 2));
        byte[] model = TextCnnOnnxGraph.of(block).toModel("bench", "1").toByteArray();
        try (OrtSession session = environment.createSession(model, options)) {
            Random random = new Random(1);
            int warmup = quick ? 5 : 50;
            for (int[] shape : new int[][] {{1, 32}, {1, 64}, {64, 64}, {32, 64}}) {
                long[] ids = new long[shape[0] * shape[1]];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = 1 + random.nextInt(VOCABULARY - 1);
                }
                long[] ones = new long[ids.length];
                Arrays.fill(ones, 1);
                long[] dims = {shape[0], shape[1]};
                PeerTiming.Call call =
                        () -> {
                            try (OnnxTensor idTensor =
                                            OnnxTensor.createTensor(
                                                    environment, LongBuffer.wrap(ids), dims);
                                    OnnxTensor mask =
                                            OnnxTensor.createTensor(
                                                    environment, LongBuffer.wrap(ones), dims);
                                    OrtSession.Result result =
                                            session.run(
                                                    Map.of(
                                                            "input_ids",
                                                            idTensor,
                                                            "attention_mask",
                                                            mask))) {
                                result.get(0).getValue();
                            }
                        };
                int runs = quick ? 50 : (shape[0] == 1 ? 300 : 200);
                record.add(
                        "infer_b" + shape[0] + "_s" + shape[1],
                        PeerTiming.latency(call, shape[0], warmup, runs));
            }
        }
        record.addProperty("peak_rss_mb", PeerTiming.peakRssMb());
    }

    /** Ids uniform in [1, V), mask 1, random labels, teacher logits from N(0, 3²). */
    private static TrainingStep.Batch batch(Random random, int size, int length) {
        long[] ids = new long[size * length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1 + random.nextInt(VOCABULARY - 1);
        }
        long[] ones = new long[ids.length];
        Arrays.fill(ones, 1);
        long[] labels = new long[size];
        float[][] teacher = new float[size][CLASSES];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(CLASSES);
            for (int c = 0; c < CLASSES; c++) {
                teacher[i][c] = (float) (3 * random.nextGaussian());
            }
        }
        Shape shape = new Shape(size, length);
        return new TrainingStep.Batch() {
            @Override
            public NDList inputs(NDManager scope) {
                return new NDList(scope.create(ids, shape), scope.create(ones, shape));
            }

            @Override
            public NDList labels(NDManager scope) {
                return DistillationLabels.create(scope, labels, teacher, CLASSES);
            }
        };
    }
}

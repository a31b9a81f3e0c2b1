package io.github.bertdistill.teacher.onnx;

import ai.djl.engine.Engine;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.engine.ThreadSettings;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.core.model.LogitsAndFeatures;
import io.github.bertdistill.core.model.TextEncoder;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A teacher brought as an ONNX file, run by ONNX Runtime (its Java API, CPU): any graph whose
 * inputs are {@code input_ids}, {@code attention_mask} and (optionally) {@code token_type_ids},
 * int64 {@code [batch, sequence]} with dynamic axes, and whose first output is the logits {@code
 * [batch, classes]} — what {@code torch.onnx.export} or Hugging Face Optimum write for a sequence
 * classifier (BERT, RoBERTa, DeBERTa, …) — with the {@code tokenizer.json} it was trained with. A
 * graph with an output named {@value #POOLED} ({@code [batch, hidden]}, as the project's own {@link
 * BertOnnxGraph} writes) also gives the teacher's features for representation distillation.
 *
 * <p>Texts are encoded by the same tokenizer rules as the BERT teacher and padded to the longest
 * text of each batch; as an {@code EncodingClassifier} it is labelled in length-bucketed batches.
 * ONNX Runtime sessions are thread-safe, so one instance may serve several threads. The model is
 * not a DJL block: it serves labelling, evaluation and prediction, not training.
 */
public final class OnnxClassifier implements FeatureClassifier {
    /** Written into graphs the project makes, as ONNX's {@code producer_name}. */
    public static final String PRODUCER = "bert-distill";

    /** The name of the optional output holding the pooled sentence vector. */
    public static final String POOLED = "pooled";

    private static final String PRODUCER_VERSION = "1";
    private static final String IDS = "input_ids";
    private static final String MASK = "attention_mask";
    private static final String TYPES = "token_type_ids";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final BertTokenizer tokenizer;
    private final LabelSet labels;
    private final boolean takesTypes;
    private final int featureSize;

    private OnnxClassifier(
            OrtEnvironment environment,
            OrtSession session,
            BertTokenizer tokenizer,
            LabelSet labels) {
        this.environment = environment;
        this.session = session;
        this.tokenizer = tokenizer;
        this.labels = labels;
        this.takesTypes = session.getInputNames().contains(TYPES);
        this.featureSize = pooledWidth(session);
    }

    /**
     * Loads an exported classifier.
     *
     * @param modelFile the {@code .onnx} file
     * @param tokenizerJson its tokenizer
     * @param labels the classes, in logit order
     * @param maxLength tokens per text
     * @throws IOException naming the file if it cannot be read, or its inputs are not those of a
     *     text classifier
     */
    public static OnnxClassifier load(
            Path modelFile, Path tokenizerJson, LabelSet labels, int maxLength) throws IOException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            session = environment.createSession(modelFile.toString(), sessionOptions());
        } catch (OrtException e) {
            throw new IOException("cannot load ONNX model " + modelFile + ": " + e.getMessage(), e);
        }
        Set<String> inputs = session.getInputNames();
        if (!inputs.contains(IDS) || !inputs.contains(MASK)) {
            closeQuietly(session);
            throw new IOException(
                    "ONNX model "
                            + modelFile
                            + " takes inputs "
                            + inputs
                            + "; a text classifier takes input_ids, attention_mask and optionally"
                            + " token_type_ids");
        }
        BertTokenizer tokenizer = BertTokenizer.fromFile(tokenizerJson, maxLength);
        return new OnnxClassifier(environment, session, tokenizer, labels);
    }

    /**
     * The project's own fine-tuned teacher run by ONNX Runtime: its {@link BertOnnxGraph}, built in
     * memory from the teacher's current weights, with a copy of its tokenizer. The teacher stays
     * usable and is closed by its owner.
     */
    public static OnnxClassifier of(BertClassifier teacher) throws IOException {
        byte[] model = BertOnnxGraph.of(teacher).toModel(PRODUCER, PRODUCER_VERSION).toByteArray();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            session = environment.createSession(model, sessionOptions());
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime refused the teacher's graph: " + e.getMessage(), e);
        }
        BertTokenizer tokenizer =
                BertTokenizer.fromStream(
                        new ByteArrayInputStream(teacher.tokenizer().toJson()),
                        teacher.tokenizer().maxLength(),
                        "the teacher's tokenizer");
        return new OnnxClassifier(environment, session, tokenizer, teacher.labels());
    }

    /**
     * What runs these classifiers, for reports: ONNX Runtime's native version on the CPU, with the
     * thread settings its sessions take from the project's thread property; the start-up time is
     * that of getting the runtime's environment in this call.
     */
    public static EngineInfo engineInfo() {
        long begin = System.nanoTime();
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        return new EngineInfo(
                "OnnxRuntime",
                environment.getVersion(),
                Engine.getDjlVersion(),
                ThreadSettings.fromSystemProperties(),
                "cpu()",
                (System.nanoTime() - begin) / 1e6);
    }

    /**
     * One session per model; its intra-op threads follow the project's thread setting ({@code
     * --threads}, the DJL thread property), as the PyTorch engine's do, operators run one after
     * another.
     */
    private static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        int threads = ThreadSettings.fromSystemProperties().intraOpThreads();
        if (threads > 0) {
            options.setIntraOpNumThreads(threads);
        }
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        return options;
    }

    /** The tokenizer the model was trained with. */
    @Override
    public TextEncoder encoder() {
        return tokenizer;
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public float[][] logits(EncodedBatch batch) {
        return run(batch, result -> logits(result, batch));
    }

    private float[][] logits(OrtSession.Result result, EncodedBatch batch) throws OrtException {
        if (!(result.get(0).getValue() instanceof float[][] logits)) {
            throw new IllegalStateException(
                    "the ONNX model's first output is not float logits [batch, classes]");
        }
        if (logits.length != batch.size() || logits[0].length != labels.size()) {
            throw new IllegalStateException(
                    "the ONNX model gave "
                            + logits.length
                            + " × "
                            + logits[0].length
                            + " logits for "
                            + batch.size()
                            + " texts and "
                            + labels.size()
                            + " labels");
        }
        return logits;
    }

    /** The width of the graph's {@value #POOLED} output; 0 if it has none. */
    @Override
    public int featureSize() {
        return featureSize;
    }

    /** The graph's {@value #POOLED} output. */
    @Override
    public float[][] features(EncodedBatch batch) {
        return logitsAndFeatures(batch).features();
    }

    /** The logits and the {@value #POOLED} output of one session run. */
    @Override
    public LogitsAndFeatures logitsAndFeatures(EncodedBatch batch) {
        if (featureSize == 0) {
            throw new UnsupportedOperationException(
                    "this ONNX model has no output named '" + POOLED + "'");
        }
        return run(
                batch,
                result ->
                        new LogitsAndFeatures(
                                logits(result, batch),
                                (float[][])
                                        result.get(POOLED)
                                                .orElseThrow(
                                                        () -> new IllegalStateException(POOLED))
                                                .getValue()));
    }

    /** What to read from a session's result. */
    @FunctionalInterface
    private interface ResultReader<T> {
        T read(OrtSession.Result result) throws OrtException;
    }

    private <T> T run(EncodedBatch batch, ResultReader<T> reader) {
        long[] shape = {batch.size(), batch.length()};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(IDS, tensor(batch.tokenIds(), shape));
            inputs.put(MASK, tensor(batch.attentionMask(), shape));
            if (takesTypes) {
                inputs.put(TYPES, tensor(batch.tokenTypeIds(), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return reader.read(result);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** The last dimension of the output {@value #POOLED}, if the graph has one of rank 2. */
    private static int pooledWidth(OrtSession session) {
        try {
            NodeInfo pooled = session.getOutputInfo().get(POOLED);
            if (pooled != null
                    && pooled.getInfo() instanceof TensorInfo tensor
                    && tensor.getShape().length == 2
                    && tensor.getShape()[1] > 0) {
                return Math.toIntExact(tensor.getShape()[1]);
            }
            return 0;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    private OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
        return OnnxTensor.createTensor(environment, LongBuffer.wrap(values), shape);
    }

    @Override
    public void close() {
        closeQuietly(session);
        tokenizer.close();
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; nothing is lost if it fails.
        }
    }
}

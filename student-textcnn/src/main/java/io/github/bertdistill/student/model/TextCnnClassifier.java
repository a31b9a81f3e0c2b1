package io.github.bertdistill.student.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.core.model.TrainableClassifier;
import io.github.bertdistill.core.storage.HostTensor;
import io.github.bertdistill.core.storage.ModelDirectory;
import io.github.bertdistill.core.storage.SafetensorsFile;
import io.github.bertdistill.student.init.EmbeddingMatrix;
import io.github.bertdistill.student.vocab.StudentTextEncoder;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.student.vocab.Vocabulary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The TextCNN student as a {@link TrainableClassifier}: a {@link TextCnnBlock}, its {@link
 * StudentVocabulary} and encoder, and a label set. {@link #logits} returns raw logits (never
 * probabilities).
 *
 * <p><b>Threads.</b> One instance may be used from any number of threads at once, without locks:
 * every call encodes in plain Java, creates its NDArrays in its own sub-manager (closed before the
 * call returns) and only reads the parameters. Do not {@link #close()} it while calls are in
 * flight, nor train it while it serves. One text, through {@link #logits(String)} or as a batch of
 * one, takes the block's single-text route (no padding beyond the widest kernel, the convolutions
 * packed: {@link TextCnnBlock}).
 *
 * <p><b>Model folder</b> ({@link #save}, {@link #load}), written atomically through {@link
 * ModelDirectory}: {@code config.json} (hyper-parameters and vocabulary settings), {@code
 * labels.json}, {@code vocab.txt} (one token per line, id order) and {@code model.safetensors}
 * (float32 weights under the {@linkplain TextCnnBlock#namedParameters() stable names}). Loading
 * checks that the vocabulary, the labels and every tensor agree with the config and fails with an
 * {@link IOException} saying which file does not match.
 */
public final class TextCnnClassifier implements TrainableClassifier, FeatureClassifier {
    /** Name of the weights file. */
    public static final String WEIGHTS_FILE = "model.safetensors";

    /** Name of the vocabulary file. */
    public static final String VOCAB_FILE = "vocab.txt";

    static final String FORMAT = "bert-distill/textcnn";
    private static final int FORMAT_VERSION = 1;

    private final TextCnnBlock block;
    private final StudentVocabulary vocabulary;
    private final StudentTextEncoder encoder;
    private final LabelSet labels;
    private final NDManager manager;
    private volatile boolean closed;

    private TextCnnClassifier(
            TextCnnBlock block, StudentVocabulary vocabulary, LabelSet labels, NDManager manager) {
        this.block = block;
        this.vocabulary = vocabulary;
        this.labels = labels;
        this.manager = manager;
        TextCnnConfig config = block.config();
        this.encoder =
                new StudentTextEncoder(vocabulary, config.maxLength(), config.widestKernel());
    }

    /** A builder of a new, randomly or pre-initialised classifier. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public TextCnnBlock block() {
        return block;
    }

    @Override
    public StudentTextEncoder encoder() {
        return encoder;
    }

    /** The vocabulary and its tokenisation. */
    public StudentVocabulary vocabulary() {
        return vocabulary;
    }

    /** The hyper-parameters. */
    public TextCnnConfig config() {
        return block.config();
    }

    /** The manager that owns the parameters. */
    public NDManager manager() {
        return manager;
    }

    /** Number of scalar parameters, frozen embeddings included. */
    public long parameterCount() {
        return block.parameterCount();
    }

    @Override
    public float[][] logits(EncodedBatch batch) {
        checkState(!closed, "the classifier is closed");
        try (NDManager step = manager.newSubManager()) {
            if (batch.size() == 1) {
                int tokens = (int) Arrays.stream(batch.attentionMask()).filter(m -> m != 0).count();
                return new float[][] {block.logitsOfOne(step, batch.tokenIds(), tokens)};
            }
            return run(step, batch.toNDList(step), batch.size());
        }
    }

    /** The width of the pooled features, {@code filtersPerWidth · widths}. */
    @Override
    public int featureSize() {
        return block.config().featureCount();
    }

    /** The pooled features {@code ĉ} the output layer reads. */
    @Override
    public float[][] features(EncodedBatch batch) {
        checkState(!closed, "the classifier is closed");
        try (NDManager step = manager.newSubManager()) {
            NDList outputs =
                    block.forward(
                            new ParameterStore(step, false),
                            batch.toNDList(step),
                            false,
                            FeatureClassifier.withFeatures());
            return rows(outputs.get(1), batch.size(), featureSize());
        }
    }

    /** Raw logits of one text: a batch of one, the block's single-text route. */
    public float[] logits(String text) {
        return logits(encoder.encodeBatch(List.of(text)))[0];
    }

    @Override
    public Prediction predict(String text) {
        return Prediction.fromLogits(logits(text), labels);
    }

    private float[][] run(NDManager step, NDList input, int size) {
        NDArray logits = block.forward(new ParameterStore(step, false), input, false).head();
        return rows(logits, size, labels.size());
    }

    private static float[][] rows(NDArray values, int size, int width) {
        float[] flat = values.toFloatArray();
        float[][] rows = new float[size][width];
        for (int i = 0; i < size; i++) {
            System.arraycopy(flat, i * width, rows[i], 0, width);
        }
        return rows;
    }

    /**
     * Saves the model folder {@code dir} atomically, replacing an earlier model there, never other
     * files (see {@link ModelDirectory}).
     */
    public void save(Path dir) throws IOException {
        checkState(!closed, "the classifier is closed");
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : block.namedParameters().entrySet()) {
            NDArray array = e.getValue().getArray();
            tensors.put(e.getKey(), new HostTensor(array.getShape(), array.toFloatArray()));
        }
        JsonObject config = new JsonObject();
        config.addProperty("format", FORMAT);
        config.addProperty("formatVersion", FORMAT_VERSION);
        config.addProperty("numClasses", labels.size());
        config.add("textcnn", block.config().toJson());
        config.add("vocabulary", vocabulary.toJson());
        ModelDirectory.write(
                dir,
                staging -> {
                    staging.writeConfig(config);
                    staging.writeLabels(labels);
                    staging.writeString(VOCAB_FILE, vocabulary.vocabulary().toText());
                    SafetensorsFile.write(staging.resolve(WEIGHTS_FILE), tensors);
                });
    }

    /**
     * Loads a model folder written by {@link #save}; starts the engine if needed.
     *
     * @throws IOException if a file is missing or malformed, or if the vocabulary, labels and
     *     weights do not match the config and each other (the message says which)
     */
    public static TextCnnClassifier load(Path dir) throws IOException {
        JsonObject config = ModelDirectory.readConfig(dir);
        Path configFile = dir.resolve(ModelDirectory.CONFIG_FILE);
        JsonElement format = config.get("format");
        if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) {
            JsonElement type = config.get("model_type");
            throw new IOException(
                    configFile
                            + ": not a TextCNN model (format is not "
                            + FORMAT
                            + ")"
                            + (type != null && type.isJsonPrimitive()
                                    ? "; it is a Hugging Face model of type "
                                            + type.getAsString()
                                            + ", such as a teacher: load it with its own loader"
                                            + " (BertClassifier.load for a BERT teacher)"
                                    : ""));
        }
        LabelSet labels = ModelDirectory.readLabels(dir);
        Path vocabFile = dir.resolve(VOCAB_FILE);
        Vocabulary tokens = Vocabulary.read(vocabFile);
        Path weightsFile = dir.resolve(WEIGHTS_FILE);
        Map<String, HostTensor> tensors = SafetensorsFile.read(weightsFile);
        HostTensor embedding = tensors.get("embedding.weight");
        if (embedding == null || embedding.shape().dimension() != 2) {
            throw new IOException(weightsFile + ": no 2-D tensor embedding.weight");
        }
        if (embedding.shape().get(0) != tokens.size()) {
            throw new IOException(
                    vocabFile
                            + " has "
                            + tokens.size()
                            + " tokens but "
                            + weightsFile.getFileName()
                            + " has an embedding matrix of "
                            + embedding.shape().get(0)
                            + " rows: the vocabulary does not belong to these weights");
        }
        TextCnnConfig textCnn = section(configFile, config, "textcnn", TextCnnConfig::fromJson);
        StudentVocabulary vocabulary =
                section(
                        configFile,
                        config,
                        "vocabulary",
                        json -> StudentVocabulary.fromJson(json, tokens));
        JsonElement numClasses = config.get("numClasses");
        if (numClasses != null
                && !(numClasses.isJsonPrimitive()
                        && numClasses.getAsJsonPrimitive().isNumber()
                        && numClasses.getAsDouble() == labels.size())) {
            throw new IOException(
                    configFile
                            + ": numClasses is "
                            + numClasses
                            + " but "
                            + ModelDirectory.LABELS_FILE
                            + " has "
                            + labels.size()
                            + " labels");
        }
        EngineBootstrap.start();
        TextCnnBlock block =
                TextCnnBlock.builder()
                        .setVocabularySize(tokens.size())
                        .setNumClasses(labels.size())
                        .optConfig(textCnn)
                        .build();
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        tensors.forEach(
                (name, tensor) -> {
                    values.put(name, tensor.data());
                    shapes.put(name, tensor.shape());
                });
        NDManager manager = EngineBootstrap.newManager();
        try {
            block.setParameterValues(values, shapes, weightsFile.toString());
            block.initialize(manager);
        } catch (IllegalArgumentException e) {
            manager.close();
            throw new IOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new TextCnnClassifier(block, vocabulary, labels, manager);
    }

    /**
     * The settings object at {@code key} of a student's {@code config.json}, read by {@code read}.
     */
    private static <T> T section(
            Path configFile, JsonObject config, String key, Function<JsonObject, T> read)
            throws IOException {
        JsonElement json = config.get(key);
        if (json == null || !json.isJsonObject()) {
            throw new IOException(
                    configFile
                            + ": "
                            + key
                            + ": expected an object, got "
                            + (json == null ? "nothing" : json));
        }
        try {
            return read.apply(json.getAsJsonObject());
        } catch (ConfigException e) {
            throw new IOException(configFile + ": " + e.under(key).getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(configFile + ": " + key + ": " + e.getMessage(), e);
        }
    }

    /** Total bytes of the files in a model folder. */
    public static long sizeOnDisk(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(
                            p -> {
                                try {
                                    return Files.size(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() {
        closed = true;
        manager.close();
    }

    @Override
    public String toString() {
        return "TextCnnClassifier{" + block + ", " + vocabulary + ", " + labels + "}";
    }

    /** Builds a new {@link TextCnnClassifier}; vocabulary and labels are required. */
    public static final class Builder {
        private StudentVocabulary vocabulary;
        private LabelSet labels;
        private TextCnnConfig config = TextCnnConfig.defaults();
        private EmbeddingMatrix embeddings;
        private long seed = 42;

        private Builder() {}

        /** The vocabulary; required. */
        public Builder setVocabulary(StudentVocabulary vocabulary) {
            this.vocabulary = vocabulary;
            return this;
        }

        /** The classes in logit order; required. */
        public Builder setLabels(LabelSet labels) {
            this.labels = labels;
            return this;
        }

        /** Hyper-parameters (default {@link TextCnnConfig#defaults()}). */
        public Builder optConfig(TextCnnConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Initial embeddings (default random, seeded); must be vocabulary × embedding width. */
        public Builder optEmbeddings(EmbeddingMatrix embeddings) {
            this.embeddings = embeddings;
            return this;
        }

        /** Seed of the random initialisation (default 42). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Starts the engine if needed and builds an initialised classifier. */
        public TextCnnClassifier build() {
            Objects.requireNonNull(vocabulary, "vocabulary");
            Objects.requireNonNull(labels, "labels");
            checkArgument(
                    embeddings == null || embeddings.rows() == vocabulary.size(),
                    "the embeddings have %s rows but the vocabulary has %s tokens",
                    embeddings == null ? 0 : embeddings.rows(),
                    vocabulary.size());
            TextCnnBlock block =
                    TextCnnBlock.builder()
                            .setVocabularySize(vocabulary.size())
                            .setNumClasses(labels.size())
                            .optConfig(config)
                            .optSeed(seed)
                            .optEmbeddings(embeddings)
                            .build();
            EngineBootstrap.start();
            NDManager manager = EngineBootstrap.newManager();
            try {
                block.initialize(manager);
            } catch (RuntimeException e) {
                manager.close();
                throw e;
            }
            return new TextCnnClassifier(block, vocabulary, labels, manager);
        }
    }
}

package io.github.bertdistill.teacher;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.config.StrictJson;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.BlockTextClassifier;
import io.github.bertdistill.core.storage.HostTensor;
import io.github.bertdistill.core.storage.ModelDirectory;
import io.github.bertdistill.core.storage.SafetensorsFile;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.BertClassifierBlock;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import io.github.bertdistill.teacher.weights.HfCheckpoint;
import io.github.bertdistill.teacher.weights.LoadPolicy;
import io.github.bertdistill.teacher.weights.LoadReport;
import io.github.bertdistill.teacher.weights.WeightLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A BERT teacher: a {@link BertClassifierBlock} with its {@link BertTokenizer} and label set,
 * implementing core's classifier contracts ({@code logits} returns raw scores; {@code block()} and
 * {@code encoder()} let the training loop fine-tune it).
 *
 * <p>Built from a {@link BertPreset} or a Hugging Face folder with a new, randomly initialised head
 * ({@link #fromPreset}, {@link #fromCheckpoint}), or reloaded after fine-tuning ({@link #load}).
 * {@link #save} writes a Hugging Face {@code BertForSequenceClassification} folder ({@code
 * config.json} with {@code id2label}/{@code label2id}, {@code model.safetensors}, {@code
 * tokenizer.json}) plus core's {@code labels.json}; a save/load round trip is bit-exact.
 *
 * <p>Thread safety as {@link BlockTextClassifier}: inference calls may run concurrently.
 */
public final class BertClassifier extends BlockTextClassifier {
    static final String EXTRA = "bert_distill";

    private final BertConfig config;
    private final BertClassifierBlock block;
    private final BertTokenizer tokenizer;
    private final LoadReport loadReport;

    private BertClassifier(
            BertConfig config,
            BertClassifierBlock block,
            BertTokenizer tokenizer,
            LabelSet labels,
            NDManager manager,
            LoadReport loadReport) {
        super(block, tokenizer, labels, manager, config.hiddenSize());
        this.config = config;
        this.block = block;
        this.tokenizer = tokenizer;
        this.loadReport = loadReport;
    }

    /** A classifier with every weight drawn at random (tests, training from scratch). */
    public static BertClassifier create(
            BertConfig config, BertTokenizer tokenizer, LabelSet labels, Pooling pooling) {
        try {
            return assemble(config, pooling, labels, tokenizer, null, LoadPolicy.strict(), "");
        } catch (IOException e) {
            throw new IllegalStateException("no weights were read", e);
        }
    }

    /**
     * The pretrained encoder of {@code preset} with a new head for {@code labels}.
     *
     * @param pooling {@link Pooling#POOLER} only for presets that {@link BertPreset#hasPooler()}
     * @param maxLength tokens per text, at most 512
     */
    public static BertClassifier fromPreset(
            BertPreset preset, LabelSet labels, Pooling pooling, int maxLength) throws IOException {
        if (pooling == Pooling.POOLER && !preset.hasPooler()) {
            throw new IllegalArgumentException(
                    "preset " + preset.id() + " has no pooler; use Pooling.CLS or Pooling.MEAN");
        }
        return assemble(
                preset.config(),
                pooling,
                labels,
                preset.tokenizer(maxLength),
                preset.weights(),
                LoadPolicy.strict()
                        .allowMissing("classifier.")
                        .allowUnexpected("cls.")
                        .allowUnexpected("pooler."),
                "preset " + preset.id());
    }

    /**
     * The encoder of a Hugging Face folder ({@code config.json}, {@code model.safetensors}, {@code
     * tokenizer.json}) with a new head for {@code labels}; a head, pooler or pre-training heads
     * ({@code cls.…}) in the file are left unused.
     */
    public static BertClassifier fromCheckpoint(
            Path folder, LabelSet labels, Pooling pooling, int maxLength) throws IOException {
        BertConfig config = HfCheckpoint.requireComplete(folder);
        config.requireFits(maxLength);
        LoadPolicy policy =
                LoadPolicy.strict()
                        .allowMissing("classifier.")
                        .allowUnexpected("classifier.")
                        .allowUnexpected("cls.");
        if (pooling != Pooling.POOLER) {
            policy = policy.allowUnexpected("pooler.").allowUnexpected("bert.pooler.");
        }
        return assemble(
                config,
                pooling,
                labels,
                HfCheckpoint.tokenizer(folder, maxLength),
                HfCheckpoint.weights(folder),
                policy,
                folder.toString());
    }

    /** A setting of the {@code bert_distill} section, read strictly, or {@code absent}. */
    private static <T> T extraSetting(JsonObject extra, String key, Class<T> type, T absent) {
        try {
            return StrictJson.readKey(extra, key, type).orElse(absent);
        } catch (ConfigException e) {
            throw e.under(EXTRA);
        }
    }

    /** A classifier written by {@link #save}; every weight must be present. */
    public static BertClassifier load(Path folder) throws IOException {
        JsonObject json = HfCheckpoint.config(folder);
        JsonElement type = json.get("model_type");
        if (type == null || !type.isJsonPrimitive() || !type.getAsString().equals("bert")) {
            throw new IOException(
                    folder.resolve(ModelDirectory.CONFIG_FILE)
                            + ": not a BERT classifier ("
                            + (json.has("format")
                                    ? "format " + json.get("format")
                                    : type == null ? "no model_type" : "model_type " + type)
                            + ")");
        }
        BertConfig config;
        Pooling pooling;
        int maxLength;
        try {
            config = BertConfig.fromJson(json);
            JsonObject extra = json.has(EXTRA) ? json.getAsJsonObject(EXTRA) : new JsonObject();
            pooling = extraSetting(extra, "pooling", Pooling.class, Pooling.POOLER);
            maxLength =
                    extraSetting(
                            extra, "max_length", Integer.class, config.maxPositionEmbeddings());
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            // ConfigException names the key; BertConfig's own checks name theirs
            throw new IOException(
                    folder.resolve(ModelDirectory.CONFIG_FILE) + ": " + e.getMessage(), e);
        }
        return assemble(
                config,
                pooling,
                labelsOf(json, folder),
                HfCheckpoint.tokenizer(folder, maxLength),
                HfCheckpoint.weights(folder),
                LoadPolicy.strict(),
                folder.toString());
    }

    /**
     * Writes this classifier as a Hugging Face folder, atomically, replacing an earlier model
     * there, never other files (see {@link io.github.bertdistill.core.storage.ModelDirectory}).
     */
    public void save(Path folder) throws IOException {
        requireOpen();
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : block.hfParameters().entrySet()) {
            tensors.put(
                    e.getKey(),
                    new HostTensor(
                            e.getValue().getShape(), e.getValue().getArray().toFloatArray()));
        }
        ModelDirectory.write(
                folder,
                staging -> {
                    staging.writeConfig(hfConfig());
                    staging.writeLabels(labels());
                    SafetensorsFile.write(staging.resolve(HfCheckpoint.WEIGHTS_FILE), tensors);
                    Files.write(staging.resolve(HfCheckpoint.TOKENIZER_FILE), tokenizer.toJson());
                });
    }

    /** The encoder's architecture. */
    public BertConfig config() {
        return config;
    }

    /** The network, with typed access to its parts and HF parameter names. */
    public BertClassifierBlock bertBlock() {
        return block;
    }

    /** The tokenizer. */
    public BertTokenizer tokenizer() {
        return tokenizer;
    }

    /** What the weight import found, if weights were imported. */
    public Optional<LoadReport> loadReport() {
        return Optional.ofNullable(loadReport);
    }

    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        try {
            super.close();
        } finally {
            tokenizer.close();
        }
    }

    private JsonObject hfConfig() {
        JsonObject json = config.toJson();
        JsonArray architectures = new JsonArray();
        architectures.add("BertForSequenceClassification");
        json.add("architectures", architectures);
        JsonObject id2label = new JsonObject();
        JsonObject label2id = new JsonObject();
        List<String> names = labels().names();
        for (int i = 0; i < names.size(); i++) {
            id2label.addProperty(Integer.toString(i), names.get(i));
            label2id.addProperty(names.get(i), i);
        }
        json.add("id2label", id2label);
        json.add("label2id", label2id);
        json.addProperty("problem_type", "single_label_classification");
        JsonObject extra = new JsonObject();
        extra.addProperty("pooling", block.pooling().name().toLowerCase(Locale.ROOT));
        extra.addProperty("max_length", tokenizer.maxLength());
        json.add(EXTRA, extra);
        return json;
    }

    private static LabelSet labelsOf(JsonObject json, Path folder) throws IOException {
        JsonElement id2label = json.get("id2label");
        if (id2label == null || !id2label.isJsonObject()) {
            return ModelDirectory.readLabels(folder);
        }
        JsonObject map = id2label.getAsJsonObject();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            JsonElement name = map.get(Integer.toString(i));
            if (name == null) {
                throw new IOException(folder + "/config.json: id2label lacks id " + i);
            }
            names.add(name.getAsString());
        }
        LabelSet labels = LabelSet.of(names);
        // a folder this project saved holds both; a damaged or edited one must not go unnoticed
        if (Files.isRegularFile(folder.resolve(ModelDirectory.LABELS_FILE))) {
            LabelSet listed = ModelDirectory.readLabels(folder);
            if (!listed.equals(labels)) {
                throw new IOException(
                        folder.resolve(ModelDirectory.LABELS_FILE)
                                + " lists "
                                + listed.names()
                                + " but config.json's id2label gives "
                                + labels.names()
                                + ": the folder is damaged; restore it from a copy, or fine-tune"
                                + " the teacher again");
            }
        }
        return labels;
    }

    private static BertClassifier assemble(
            BertConfig config,
            Pooling pooling,
            LabelSet labels,
            BertTokenizer tokenizer,
            Map<String, HostTensor> tensors,
            LoadPolicy policy,
            String source)
            throws IOException {
        NDManager manager = EngineBootstrap.newManager();
        try {
            checkTokenizer(config, tokenizer, source);
            BertClassifierBlock block =
                    BertClassifierBlock.builder()
                            .setConfig(config)
                            .setClasses(labels.size())
                            .optPooling(pooling)
                            .build();
            block.initialize(manager);
            LoadReport report =
                    tensors == null
                            ? null
                            : WeightLoader.load(block.hfParameters(), tensors, policy, source);
            return new BertClassifier(config, block, tokenizer, labels, manager, report);
        } catch (IOException | RuntimeException e) {
            manager.close();
            tokenizer.close();
            throw e;
        }
    }

    private static void checkTokenizer(BertConfig config, BertTokenizer tokenizer, String source) {
        if (tokenizer.vocabSize() > config.vocabSize()) {
            throw new IllegalArgumentException(
                    source
                            + ": the tokenizer produces ids up to "
                            + (tokenizer.vocabSize() - 1)
                            + " but the embedding matrix has only "
                            + config.vocabSize()
                            + " rows (vocab_size); tokenizer and weights do not belong together");
        }
        if (tokenizer.maxLength() > config.maxPositionEmbeddings()) {
            throw new IllegalArgumentException(
                    source
                            + ": max length "
                            + tokenizer.maxLength()
                            + " exceeds max_position_embeddings "
                            + config.maxPositionEmbeddings());
        }
    }
}

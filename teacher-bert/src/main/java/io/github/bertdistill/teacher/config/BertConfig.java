package io.github.bertdistill.teacher.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Objects;

/**
 * The architecture of a BERT encoder (Devlin et al. 2019, "BERT: Pre-training of Deep Bidirectional
 * Transformers for Language Understanding"), with the field names of a Hugging Face {@code
 * config.json}.
 *
 * <p>A BERT is {@code numHiddenLayers} identical post-LayerNorm transformer layers of width {@code
 * hiddenSize}, each with {@code numAttentionHeads} heads and a feed-forward part of width {@code
 * intermediateSize}, on top of word + position + token-type embeddings. {@code
 * maxPositionEmbeddings} bounds the sequence length, {@code typeVocabSize} the number of segments.
 * Only the exact (erf) GELU activation is supported: {@code gelu(x) = x · ½ (1 + erf(x / √2))}.
 *
 * <p>Build one with {@link #builder()} or read it with {@link #fromJson(JsonObject)}.
 */
public final class BertConfig {
    /** The only activation supported, Hugging Face's {@code hidden_act} value for exact GELU. */
    public static final String GELU = "gelu";

    private final int vocabSize;
    private final int hiddenSize;
    private final int numHiddenLayers;
    private final int numAttentionHeads;
    private final int intermediateSize;
    private final int maxPositionEmbeddings;
    private final int typeVocabSize;
    private final float layerNormEps;
    private final float hiddenDropoutProb;
    private final float attentionProbsDropoutProb;
    private final float initializerRange;
    private final String hiddenAct;

    private BertConfig(Builder b) {
        this.vocabSize = positive("vocab_size", b.vocabSize);
        this.hiddenSize = positive("hidden_size", b.hiddenSize);
        this.numHiddenLayers = positive("num_hidden_layers", b.numHiddenLayers);
        this.numAttentionHeads = positive("num_attention_heads", b.numAttentionHeads);
        this.intermediateSize = positive("intermediate_size", b.intermediateSize);
        this.maxPositionEmbeddings = positive("max_position_embeddings", b.maxPositionEmbeddings);
        this.typeVocabSize = positive("type_vocab_size", b.typeVocabSize);
        this.layerNormEps = b.layerNormEps;
        this.hiddenDropoutProb = probability("hidden_dropout_prob", b.hiddenDropoutProb);
        this.attentionProbsDropoutProb =
                probability("attention_probs_dropout_prob", b.attentionProbsDropoutProb);
        this.initializerRange = b.initializerRange;
        this.hiddenAct = Objects.requireNonNull(b.hiddenAct, "hidden_act");
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException(
                    "hidden_size "
                            + hiddenSize
                            + " is not a multiple of num_attention_heads "
                            + numAttentionHeads);
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be > 0, got " + layerNormEps);
        }
        if (!GELU.equals(hiddenAct.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(
                    "hidden_act '" + hiddenAct + "' is not supported; only exact 'gelu' is");
        }
    }

    /** A builder with BERT-base's defaults (Hugging Face's {@code BertConfig()}). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder()
                .setVocabSize(vocabSize)
                .setHiddenSize(hiddenSize)
                .setNumHiddenLayers(numHiddenLayers)
                .setNumAttentionHeads(numAttentionHeads)
                .setIntermediateSize(intermediateSize)
                .optMaxPositionEmbeddings(maxPositionEmbeddings)
                .optTypeVocabSize(typeVocabSize)
                .optLayerNormEps(layerNormEps)
                .optHiddenDropoutProb(hiddenDropoutProb)
                .optAttentionProbsDropoutProb(attentionProbsDropoutProb)
                .optInitializerRange(initializerRange)
                .optHiddenAct(hiddenAct);
    }

    /**
     * Reads the BERT fields of a Hugging Face {@code config.json}; other fields are ignored, absent
     * ones take BERT-base's defaults.
     *
     * @throws IllegalArgumentException naming the field if a value is invalid
     */
    public static BertConfig fromJson(JsonObject json) {
        Builder b = builder();
        b.vocabSize = intField(json, "vocab_size", b.vocabSize);
        b.hiddenSize = intField(json, "hidden_size", b.hiddenSize);
        b.numHiddenLayers = intField(json, "num_hidden_layers", b.numHiddenLayers);
        b.numAttentionHeads = intField(json, "num_attention_heads", b.numAttentionHeads);
        b.intermediateSize = intField(json, "intermediate_size", b.intermediateSize);
        b.maxPositionEmbeddings =
                intField(json, "max_position_embeddings", b.maxPositionEmbeddings);
        b.typeVocabSize = intField(json, "type_vocab_size", b.typeVocabSize);
        b.layerNormEps = floatField(json, "layer_norm_eps", b.layerNormEps);
        b.hiddenDropoutProb = floatField(json, "hidden_dropout_prob", b.hiddenDropoutProb);
        b.attentionProbsDropoutProb =
                floatField(json, "attention_probs_dropout_prob", b.attentionProbsDropoutProb);
        b.initializerRange = floatField(json, "initializer_range", b.initializerRange);
        JsonElement act = json.get("hidden_act");
        if (act != null && !act.isJsonNull()) {
            b.hiddenAct = act.getAsString();
        }
        return b.build();
    }

    /**
     * The Hugging Face {@code config.json} fields of this configuration ({@code model_type: bert}).
     */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("model_type", "bert");
        json.addProperty("vocab_size", vocabSize);
        json.addProperty("hidden_size", hiddenSize);
        json.addProperty("num_hidden_layers", numHiddenLayers);
        json.addProperty("num_attention_heads", numAttentionHeads);
        json.addProperty("intermediate_size", intermediateSize);
        json.addProperty("max_position_embeddings", maxPositionEmbeddings);
        json.addProperty("type_vocab_size", typeVocabSize);
        json.addProperty("layer_norm_eps", layerNormEps);
        json.addProperty("hidden_dropout_prob", hiddenDropoutProb);
        json.addProperty("attention_probs_dropout_prob", attentionProbsDropoutProb);
        json.addProperty("initializer_range", initializerRange);
        json.addProperty("hidden_act", hiddenAct);
        json.addProperty("position_embedding_type", "absolute");
        return json;
    }

    private static int intField(JsonObject json, String name, int fallback) {
        JsonElement e = json.get(name);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        try {
            return e.getAsInt();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException ex) {
            throw new IllegalArgumentException("config field " + name + " is not an integer: " + e);
        }
    }

    private static float floatField(JsonObject json, String name, float fallback) {
        JsonElement e = json.get(name);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        try {
            return e.getAsFloat();
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException ex) {
            throw new IllegalArgumentException("config field " + name + " is not a number: " + e);
        }
    }

    private static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
        return value;
    }

    private static float probability(String name, float value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int numHiddenLayers() {
        return numHiddenLayers;
    }

    public int numAttentionHeads() {
        return numAttentionHeads;
    }

    /** Width of one attention head, {@code hiddenSize / numAttentionHeads}. */
    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    public int intermediateSize() {
        return intermediateSize;
    }

    public int maxPositionEmbeddings() {
        return maxPositionEmbeddings;
    }

    /**
     * Checks that texts of {@code maxLength} tokens fit the position embeddings.
     *
     * @throws IllegalArgumentException if {@code maxLength} exceeds {@link
     *     #maxPositionEmbeddings()}
     */
    public void requireFits(int maxLength) {
        if (maxLength > maxPositionEmbeddings) {
            throw new IllegalArgumentException(
                    "maxLength "
                            + maxLength
                            + " exceeds the model's "
                            + maxPositionEmbeddings
                            + " positions");
        }
    }

    public int typeVocabSize() {
        return typeVocabSize;
    }

    public float layerNormEps() {
        return layerNormEps;
    }

    public float hiddenDropoutProb() {
        return hiddenDropoutProb;
    }

    public float attentionProbsDropoutProb() {
        return attentionProbsDropoutProb;
    }

    /** Standard deviation of the normal initialisation of new weights. */
    public float initializerRange() {
        return initializerRange;
    }

    public String hiddenAct() {
        return hiddenAct;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BertConfig && toJson().equals(((BertConfig) o).toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "BertConfig" + toJson();
    }

    /** Builds a {@link BertConfig}; defaults are BERT-base's. */
    public static final class Builder {
        private int vocabSize = 30522;
        private int hiddenSize = 768;
        private int numHiddenLayers = 12;
        private int numAttentionHeads = 12;
        private int intermediateSize = 3072;
        private int maxPositionEmbeddings = 512;
        private int typeVocabSize = 2;
        private float layerNormEps = 1e-12f;
        private float hiddenDropoutProb = 0.1f;
        private float attentionProbsDropoutProb = 0.1f;
        private float initializerRange = 0.02f;
        private String hiddenAct = GELU;

        private Builder() {}

        public Builder setVocabSize(int vocabSize) {
            this.vocabSize = vocabSize;
            return this;
        }

        public Builder setHiddenSize(int hiddenSize) {
            this.hiddenSize = hiddenSize;
            return this;
        }

        public Builder setNumHiddenLayers(int numHiddenLayers) {
            this.numHiddenLayers = numHiddenLayers;
            return this;
        }

        public Builder setNumAttentionHeads(int numAttentionHeads) {
            this.numAttentionHeads = numAttentionHeads;
            return this;
        }

        public Builder setIntermediateSize(int intermediateSize) {
            this.intermediateSize = intermediateSize;
            return this;
        }

        public Builder optMaxPositionEmbeddings(int maxPositionEmbeddings) {
            this.maxPositionEmbeddings = maxPositionEmbeddings;
            return this;
        }

        public Builder optTypeVocabSize(int typeVocabSize) {
            this.typeVocabSize = typeVocabSize;
            return this;
        }

        public Builder optLayerNormEps(float layerNormEps) {
            this.layerNormEps = layerNormEps;
            return this;
        }

        public Builder optHiddenDropoutProb(float hiddenDropoutProb) {
            this.hiddenDropoutProb = hiddenDropoutProb;
            return this;
        }

        public Builder optAttentionProbsDropoutProb(float attentionProbsDropoutProb) {
            this.attentionProbsDropoutProb = attentionProbsDropoutProb;
            return this;
        }

        public Builder optInitializerRange(float initializerRange) {
            this.initializerRange = initializerRange;
            return this;
        }

        public Builder optHiddenAct(String hiddenAct) {
            this.hiddenAct = hiddenAct;
            return this;
        }

        /**
         * @throws IllegalArgumentException if a size is not positive, the hidden size is not a
         *     multiple of the head count, or the activation is not exact GELU
         */
        public BertConfig build() {
            return new BertConfig(this);
        }
    }
}

package io.github.bertdistill.student.model;

import static io.github.bertdistill.core.config.ConfigException.require;

import com.google.gson.JsonObject;
import io.github.bertdistill.core.config.CheckedConfig;
import io.github.bertdistill.core.config.StrictJson;
import java.util.Arrays;
import java.util.Objects;

/**
 * The TextCNN hyper-parameters (Kim 2014): embedding width, kernel widths and filters per width,
 * dropout, embedding mode, an optional bidirectional LSTM, an optional attention pooling, and the
 * maximum number of tokens per text.
 *
 * <p>Defaults: 128-wide embeddings, kernels of width 3, 4 and 5 with 100 filters each, dropout 0.5,
 * non-static embeddings, no LSTM ({@code lstmSize = 0}), no attention pooling ({@code attentionSize
 * = 0}), at most 128 tokens. A positive {@code lstmSize} puts a bidirectional LSTM of that many
 * units per direction between the embeddings and the convolutions, which then read each token's
 * embedding beside its left and right context (RCNN, Lai et al. 2015); a positive {@code
 * attentionSize} adds an attention-weighted average of those per-token inputs to the max-pooled
 * features (Yang et al. 2016); see {@link TextCnnBlock}. Kim used 300-wide word2vec embeddings; 128
 * keeps a 30k-token WordPiece student near 4M parameters. A kernel wider than {@code maxLength} is
 * rejected when the config is built.
 *
 * <p>Immutable once built or read; saved as the {@code "textcnn"} object of {@code config.json}.
 */
public final class TextCnnConfig implements CheckedConfig {
    private int embeddingSize;
    private int[] kernelWidths;
    private int filtersPerWidth;
    private float dropout;
    private EmbeddingMode embeddingMode;
    private int lstmSize;
    private int attentionSize;
    private int maxLength;

    /** The defaults, which JSON keys then override. */
    private TextCnnConfig() {
        this(new Builder());
    }

    private TextCnnConfig(Builder b) {
        this.embeddingSize = b.embeddingSize;
        this.kernelWidths = b.kernelWidths.clone();
        this.filtersPerWidth = b.filtersPerWidth;
        this.dropout = b.dropout;
        this.embeddingMode = b.embeddingMode;
        this.lstmSize = b.lstmSize;
        this.attentionSize = b.attentionSize;
        this.maxLength = b.maxLength;
    }

    @Override
    public void check() {
        require(embeddingSize >= 1, "embeddingSize", "must be >= 1, got %s", embeddingSize);
        require(kernelWidths.length > 0, "kernelWidths", "at least one kernel width is needed");
        for (int i = 0; i < kernelWidths.length; i++) {
            require(
                    kernelWidths[i] >= 1,
                    "kernelWidths[" + i + "]",
                    "must be >= 1, got %s",
                    kernelWidths[i]);
        }
        require(filtersPerWidth >= 1, "filtersPerWidth", "must be >= 1, got %s", filtersPerWidth);
        require(dropout >= 0 && dropout < 1, "dropout", "must be in [0, 1), got %s", dropout);
        require(embeddingMode != null, "embeddingMode", "must be set");
        require(lstmSize >= 0, "lstmSize", "must be >= 0 (0: no LSTM), got %s", lstmSize);
        require(
                attentionSize >= 0,
                "attentionSize",
                "must be >= 0 (0: no attention pooling), got %s",
                attentionSize);
        require(maxLength >= 1, "maxLength", "must be >= 1, got %s", maxLength);
        require(
                widestKernel() <= maxLength,
                "kernelWidths",
                "kernel width %s is wider than maxLength %s: no text could fill it; use narrower"
                        + " kernels or a larger maxLength",
                widestKernel(),
                maxLength);
    }

    /**
     * The defaults: 128 / [3, 4, 5] × 100 / 0.5 / non-static / no LSTM / no attention / 128 tokens.
     */
    public static TextCnnConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder()
                .optEmbeddingSize(embeddingSize)
                .optKernelWidths(kernelWidths)
                .optFiltersPerWidth(filtersPerWidth)
                .optDropout(dropout)
                .optEmbeddingMode(embeddingMode)
                .optLstmSize(lstmSize)
                .optAttentionSize(attentionSize)
                .optMaxLength(maxLength);
    }

    /** Width of the word embeddings. */
    public int embeddingSize() {
        return embeddingSize;
    }

    /** Kernel widths, in tokens (a copy). */
    public int[] kernelWidths() {
        return kernelWidths.clone();
    }

    /** The widest kernel: the shortest padded batch length. */
    public int widestKernel() {
        return Arrays.stream(kernelWidths).max().getAsInt();
    }

    /** Filters per kernel width. */
    public int filtersPerWidth() {
        return filtersPerWidth;
    }

    /**
     * Number of pooled features: kernel widths × filters per width, plus {@link #channels()} with
     * attention pooling.
     */
    public int featureCount() {
        return kernelWidths.length * filtersPerWidth + (attentionSize > 0 ? channels() : 0);
    }

    /**
     * Channels at each position of the text that the convolutions (and attention pooling) read: the
     * embedding width (doubled when multichannel) plus both directions' LSTM states.
     */
    public int channels() {
        return embeddingChannels() + 2 * lstmSize;
    }

    /** Channels of the embedded text: the embedding width, doubled when multichannel. */
    public int embeddingChannels() {
        return embeddingSize * (embeddingMode == EmbeddingMode.MULTICHANNEL ? 2 : 1);
    }

    /** Dropout rate on the pooled features during training. */
    public float dropout() {
        return dropout;
    }

    /** Static, non-static or multichannel embeddings. */
    public EmbeddingMode embeddingMode() {
        return embeddingMode;
    }

    /**
     * Units per direction of the bidirectional LSTM read before the convolutions; 0 (the default)
     * when the convolutions read the embeddings alone.
     */
    public int lstmSize() {
        return lstmSize;
    }

    /**
     * Width of the attention pooling's hidden layer; 0 (the default) when the features are the
     * max-pooled convolutions alone. See {@link TextCnnBlock}.
     */
    public int attentionSize() {
        return attentionSize;
    }

    /** Most tokens per text; longer texts are truncated. */
    public int maxLength() {
        return maxLength;
    }

    /** This config as the JSON object saved in {@code config.json}. */
    public JsonObject toJson() {
        return StrictJson.toTree(this);
    }

    /**
     * Reads {@link #toJson()}; missing fields keep their defaults.
     *
     * @throws io.github.bertdistill.core.config.ConfigException naming the key of an unknown key, a
     *     value of the wrong type or out of range
     */
    public static TextCnnConfig fromJson(JsonObject json) {
        return StrictJson.read(json, TextCnnConfig.class);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TextCnnConfig)) {
            return false;
        }
        TextCnnConfig c = (TextCnnConfig) o;
        return embeddingSize == c.embeddingSize
                && Arrays.equals(kernelWidths, c.kernelWidths)
                && filtersPerWidth == c.filtersPerWidth
                && Float.compare(dropout, c.dropout) == 0
                && embeddingMode == c.embeddingMode
                && lstmSize == c.lstmSize
                && attentionSize == c.attentionSize
                && maxLength == c.maxLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                embeddingSize,
                Arrays.hashCode(kernelWidths),
                filtersPerWidth,
                dropout,
                embeddingMode,
                lstmSize,
                attentionSize,
                maxLength);
    }

    @Override
    public String toString() {
        return "TextCnnConfig" + toJson();
    }

    /** Builds a {@link TextCnnConfig}; every field has a default. */
    public static final class Builder {
        private int embeddingSize = 128;
        private int[] kernelWidths = {3, 4, 5};
        private int filtersPerWidth = 100;
        private float dropout = 0.5f;
        private EmbeddingMode embeddingMode = EmbeddingMode.NON_STATIC;
        private int lstmSize = 0;
        private int attentionSize = 0;
        private int maxLength = 128;

        private Builder() {}

        /** Width of the word embeddings (default 128). */
        public Builder optEmbeddingSize(int embeddingSize) {
            this.embeddingSize = embeddingSize;
            return this;
        }

        /** Kernel widths in tokens (default 3, 4, 5). */
        public Builder optKernelWidths(int... kernelWidths) {
            this.kernelWidths = kernelWidths.clone();
            return this;
        }

        /** Filters per kernel width (default 100). */
        public Builder optFiltersPerWidth(int filtersPerWidth) {
            this.filtersPerWidth = filtersPerWidth;
            return this;
        }

        /** Dropout on the pooled features (default 0.5). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Static, non-static (default) or multichannel embeddings. */
        public Builder optEmbeddingMode(EmbeddingMode embeddingMode) {
            this.embeddingMode = embeddingMode;
            return this;
        }

        /**
         * Units per direction of a bidirectional LSTM between the embeddings and the convolutions
         * (default 0: none).
         */
        public Builder optLstmSize(int lstmSize) {
            this.lstmSize = lstmSize;
            return this;
        }

        /**
         * Width of the hidden layer of an attention pooling added beside the max-pooling (default
         * 0: none).
         */
        public Builder optAttentionSize(int attentionSize) {
            this.attentionSize = attentionSize;
            return this;
        }

        /** Most tokens per text (default 128). */
        public Builder optMaxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * The config.
         *
         * @throws io.github.bertdistill.core.config.ConfigException naming a value out of range or
         *     a kernel wider than {@code maxLength}
         */
        public TextCnnConfig build() {
            TextCnnConfig config = new TextCnnConfig(this);
            config.check();
            return config;
        }
    }
}

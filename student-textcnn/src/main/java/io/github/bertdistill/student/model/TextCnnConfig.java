package io.github.bertdistill.student.model;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The TextCNN hyper-parameters (Kim 2014): embedding width, kernel widths and filters per width,
 * dropout, embedding mode, and the maximum number of tokens per text.
 *
 * <p>Defaults: 128-wide embeddings, kernels of width 3, 4 and 5 with 100 filters each, dropout 0.5,
 * non-static embeddings, at most 128 tokens. Kim used 300-wide word2vec embeddings; 128 keeps a
 * 30k-token WordPiece student near 4M parameters. A kernel wider than {@code maxLength} is rejected
 * when the config is built.
 *
 * <p>Immutable; saved as the {@code "textcnn"} object of {@code config.json}.
 */
public final class TextCnnConfig {
    private static final List<String> JSON_KEYS =
            List.of(
                    "dropout",
                    "embeddingMode",
                    "embeddingSize",
                    "filtersPerWidth",
                    "kernelWidths",
                    "maxLength");
    private final int embeddingSize;
    private final int[] kernelWidths;
    private final int filtersPerWidth;
    private final float dropout;
    private final EmbeddingMode embeddingMode;
    private final int maxLength;

    private TextCnnConfig(Builder b) {
        checkArgument(b.embeddingSize >= 1, "embeddingSize must be >= 1, got %s", b.embeddingSize);
        checkArgument(b.kernelWidths.length > 0, "at least one kernel width is needed");
        for (int w : b.kernelWidths) {
            checkArgument(
                    w >= 1, "kernel widths must be >= 1, got %s", Arrays.toString(b.kernelWidths));
        }
        checkArgument(
                b.filtersPerWidth >= 1, "filtersPerWidth must be >= 1, got %s", b.filtersPerWidth);
        checkArgument(
                b.dropout >= 0 && b.dropout < 1, "dropout must be in [0, 1), got %s", b.dropout);
        checkArgument(b.maxLength >= 1, "maxLength must be >= 1, got %s", b.maxLength);
        int widest = Arrays.stream(b.kernelWidths).max().getAsInt();
        checkArgument(
                widest <= b.maxLength,
                "kernel width %s is wider than maxLength %s: no text could fill it; use narrower"
                        + " kernels or a larger maxLength",
                widest,
                b.maxLength);
        this.embeddingSize = b.embeddingSize;
        this.kernelWidths = b.kernelWidths.clone();
        this.filtersPerWidth = b.filtersPerWidth;
        this.dropout = b.dropout;
        this.embeddingMode = Objects.requireNonNull(b.embeddingMode, "embeddingMode");
        this.maxLength = b.maxLength;
    }

    /** The defaults: 128 / [3, 4, 5] × 100 / 0.5 / non-static / 128 tokens. */
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

    /** Number of pooled features: kernel widths × filters per width. */
    public int featureCount() {
        return kernelWidths.length * filtersPerWidth;
    }

    /** Dropout rate on the pooled features during training. */
    public float dropout() {
        return dropout;
    }

    /** Static, non-static or multichannel embeddings. */
    public EmbeddingMode embeddingMode() {
        return embeddingMode;
    }

    /** Most tokens per text; longer texts are truncated. */
    public int maxLength() {
        return maxLength;
    }

    /** This config as JSON. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("embeddingSize", embeddingSize);
        JsonArray widths = new JsonArray();
        Arrays.stream(kernelWidths).forEach(widths::add);
        json.add("kernelWidths", widths);
        json.addProperty("filtersPerWidth", filtersPerWidth);
        json.addProperty("dropout", dropout);
        json.addProperty("embeddingMode", embeddingMode.name());
        json.addProperty("maxLength", maxLength);
        return json;
    }

    /**
     * Reads {@link #toJson()}; missing fields keep their defaults.
     *
     * @throws IllegalArgumentException if a field is malformed or the config is invalid
     */
    public static TextCnnConfig fromJson(JsonObject json) {
        for (String key : json.keySet()) {
            if (!JSON_KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "unknown TextCNN config key '" + key + "'; known keys: " + JSON_KEYS);
            }
        }
        try {
            Builder b = builder();
            if (json.has("embeddingSize")) {
                b.optEmbeddingSize(json.get("embeddingSize").getAsInt());
            }
            if (json.has("kernelWidths")) {
                JsonArray array = json.getAsJsonArray("kernelWidths");
                int[] widths = new int[array.size()];
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = array.get(i).getAsInt();
                }
                b.optKernelWidths(widths);
            }
            if (json.has("filtersPerWidth")) {
                b.optFiltersPerWidth(json.get("filtersPerWidth").getAsInt());
            }
            if (json.has("dropout")) {
                b.optDropout(json.get("dropout").getAsFloat());
            }
            if (json.has("embeddingMode")) {
                b.optEmbeddingMode(EmbeddingMode.valueOf(json.get("embeddingMode").getAsString()));
            }
            if (json.has("maxLength")) {
                b.optMaxLength(json.get("maxLength").getAsInt());
            }
            return b.build();
        } catch (IllegalStateException | ClassCastException | NumberFormatException e) {
            throw new IllegalArgumentException("invalid TextCNN config " + json + ": " + e, e);
        }
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

        /** Most tokens per text (default 128). */
        public Builder optMaxLength(int maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        /**
         * The config.
         *
         * @throws IllegalArgumentException if a value is out of range or a kernel is wider than
         *     {@code maxLength}
         */
        public TextCnnConfig build() {
            return new TextCnnConfig(this);
        }
    }
}

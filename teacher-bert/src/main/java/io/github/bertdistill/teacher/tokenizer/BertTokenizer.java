package io.github.bertdistill.teacher.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.model.EncodedText;
import io.github.bertdistill.core.model.TextEncoder;
import io.github.bertdistill.core.onnx.TokenizerJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BERT's WordPiece tokenizer, run by DJL's Hugging Face tokenizers from a local {@code
 * tokenizer.json} (never downloaded): {@code [CLS] tokens [SEP]}, token-type ids 0.
 *
 * <p>The padding and truncation settings of the file are switched off: batches are padded
 * dynamically by {@link io.github.bertdistill.core.model.EncodedBatch}, and a text longer than
 * {@link #maxLength()} keeps its first {@code maxLength − 1} tokens and its final {@code [SEP]}, as
 * Hugging Face's longest-first truncation does for one sequence (a file without special tokens, a
 * WordPiece student's, keeps its first {@code maxLength}); the {@link EncodedText} records the
 * untruncated length, so callers can count truncations. Instances may be shared between threads.
 */
public final class BertTokenizer implements TextEncoder, AutoCloseable {
    private static final Map<String, String> OPTIONS =
            Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "true");

    private final HuggingFaceTokenizer tokenizer;
    private final byte[] json;
    private final int maxLength;
    private final int vocabSize;
    private final long padId;

    private BertTokenizer(byte[] json, int maxLength, String source) throws IOException {
        if (maxLength < 2) {
            throw new IllegalArgumentException(
                    "maxLength must be ≥ 2 ([CLS] and [SEP]), got " + maxLength);
        }
        JsonObject root = parse(json, source);
        JsonObject vocab = vocabulary(root, source);
        this.json = json;
        this.maxLength = maxLength;
        this.vocabSize = vocabSize(root, vocab);
        this.padId = vocab.has("[PAD]") ? vocab.get("[PAD]").getAsLong() : 0L;
        try (InputStream in = new ByteArrayInputStream(json)) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(in, OPTIONS);
        } catch (RuntimeException e) {
            throw new IOException(
                    source + ": the tokenizer could not be built: " + e.getMessage(), e);
        }
    }

    /** A tokenizer from a local {@code tokenizer.json}, truncating to {@code maxLength} tokens. */
    public static BertTokenizer fromFile(Path tokenizerJson, int maxLength) throws IOException {
        return new BertTokenizer(
                Files.readAllBytes(tokenizerJson), maxLength, tokenizerJson.toString());
    }

    /** A tokenizer from the content of a {@code tokenizer.json} (closed by the caller). */
    public static BertTokenizer fromStream(InputStream tokenizerJson, int maxLength, String source)
            throws IOException {
        return new BertTokenizer(tokenizerJson.readAllBytes(), maxLength, source);
    }

    /**
     * A standard BERT WordPiece tokenizer over a vocabulary ({@code vocab.txt}: one token per line,
     * in id order), as Hugging Face's {@code BertTokenizerFast} builds it.
     *
     * @param lowercase whether the model is uncased
     */
    public static BertTokenizer fromVocabulary(List<String> vocab, boolean lowercase, int maxLength)
            throws IOException {
        return new BertTokenizer(WordPieceJson.build(vocab, lowercase), maxLength, "vocab.txt");
    }

    /** A standard BERT WordPiece tokenizer over a local {@code vocab.txt}. */
    public static BertTokenizer fromVocabFile(Path vocabTxt, boolean lowercase, int maxLength)
            throws IOException {
        return fromVocabulary(
                Files.readAllLines(vocabTxt, StandardCharsets.UTF_8), lowercase, maxLength);
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public long padId() {
        return padId;
    }

    /** Number of token ids the tokenizer can produce (largest id + 1). */
    public int vocabSize() {
        return vocabSize;
    }

    /** The {@code tokenizer.json} this tokenizer was built from, to save beside a model. */
    public byte[] toJson() {
        return json.clone();
    }

    /**
     * The {@code tokenizer.json} with its own settings made this tokenizer's: truncation to {@link
     * #maxLength()} tokens, longest first (special tokens kept), and no padding. Hugging Face's
     * tokenizers reading it encode as {@link #encode} does: for an export, whose users run it
     * outside this project.
     */
    public byte[] toJsonAsEncoded() {
        JsonObject root;
        try {
            root = parse(json, "tokenizer.json");
        } catch (IOException e) {
            throw new IllegalStateException("the tokenizer's own JSON was read before", e);
        }
        TokenizerJson.encodeLikeTheModel(root, maxLength);
        return TokenizerJson.write(root).getBytes(StandardCharsets.UTF_8);
    }

    /** The tokens of {@code text}, special tokens included, before truncation. */
    public String[] tokens(String text) {
        return tokenizer.encode(Objects.requireNonNull(text, "text"), true, false).getTokens();
    }

    @Override
    public EncodedText encode(String text) {
        Encoding encoding = tokenizer.encode(Objects.requireNonNull(text, "text"), true, false);
        long[] ids = encoding.getIds();
        long[] types = encoding.getTypeIds();
        if (ids.length <= maxLength) {
            return new EncodedText(ids, types, ids.length);
        }
        long[] special = encoding.getSpecialTokenMask();
        boolean endsWithSpecial = special[special.length - 1] == 1;
        return new EncodedText(
                truncate(ids, endsWithSpecial), truncate(types, endsWithSpecial), ids.length);
    }

    /**
     * The first {@code maxLength} values; when the text ends with a special token (BERT's final
     * {@code [SEP]}), the first {@code maxLength − 1} and that one. A student's tokenizer adds no
     * special tokens, so its texts are simply cut.
     */
    private long[] truncate(long[] values, boolean keepLast) {
        long[] kept = Arrays.copyOf(values, maxLength);
        if (keepLast) {
            kept[maxLength - 1] = values[values.length - 1];
        }
        return kept;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static JsonObject parse(byte[] json, String source) throws IOException {
        try {
            JsonElement root = JsonParser.parseString(new String(json, StandardCharsets.UTF_8));
            if (!root.isJsonObject()) {
                throw new IOException(source + ": a tokenizer.json must be a JSON object");
            }
            return root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(source + ": invalid tokenizer JSON: " + e.getMessage(), e);
        }
    }

    private static JsonObject vocabulary(JsonObject root, String source) throws IOException {
        JsonElement model = root.get("model");
        if (model == null
                || !model.isJsonObject()
                || !model.getAsJsonObject().has("vocab")
                || !model.getAsJsonObject().get("vocab").isJsonObject()) {
            throw new IOException(source + ": not a WordPiece tokenizer.json (no model.vocab)");
        }
        return model.getAsJsonObject().getAsJsonObject("vocab");
    }

    private static int vocabSize(JsonObject root, JsonObject vocab) {
        long largest = -1;
        for (Map.Entry<String, JsonElement> entry : vocab.entrySet()) {
            largest = Math.max(largest, entry.getValue().getAsLong());
        }
        JsonElement added = root.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            for (JsonElement token : added.getAsJsonArray()) {
                largest = Math.max(largest, token.getAsJsonObject().get("id").getAsLong());
            }
        }
        return Math.toIntExact(largest + 1);
    }
}

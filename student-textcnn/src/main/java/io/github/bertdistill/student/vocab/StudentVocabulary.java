package io.github.bertdistill.student.vocab;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.config.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A student's vocabulary together with the rule that tokenises text for it: the teacher's WordPiece
 * vocabulary, a word vocabulary, or a Chinese character vocabulary. Chosen per run and saved with
 * the model ({@code vocab.txt} plus this object's {@linkplain #toJson() settings} in {@code
 * config.json}).
 *
 * <p>Teacher and student tokenise an example independently; only a WordPiece student reads the
 * teacher's vocabulary file, and it tokenises with its own Java {@link WordPieceTokenizer}.
 *
 * <p>Immutable and thread-safe.
 */
public final class StudentVocabulary {
    private final VocabularyKind kind;
    private final Vocabulary vocabulary;
    private final boolean lowerCase;
    private final boolean bigrams;
    private final Tokenizer tokenizer;

    private StudentVocabulary(
            VocabularyKind kind, Vocabulary vocabulary, boolean lowerCase, boolean bigrams) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.lowerCase = lowerCase;
        this.bigrams = bigrams;
        checkArgument(!bigrams || kind == VocabularyKind.CHINESE_CHAR, "bigrams need CHINESE_CHAR");
        switch (kind) {
            case WORDPIECE:
                this.tokenizer = new WordPieceTokenizer(vocabulary, lowerCase);
                break;
            case WORD:
                this.tokenizer = new WordTokenizer(lowerCase);
                break;
            case CHINESE_CHAR:
                this.tokenizer = new ChineseCharTokenizer(lowerCase, bigrams);
                break;
            default:
                throw new AssertionError(kind);
        }
    }

    /** Wraps an existing vocabulary with its tokenisation settings (used when loading a model). */
    public static StudentVocabulary of(
            VocabularyKind kind, Vocabulary vocabulary, boolean lowerCase, boolean bigrams) {
        return new StudentVocabulary(kind, vocabulary, lowerCase, bigrams);
    }

    /**
     * The teacher's WordPiece vocabulary from its {@code vocab.txt}, or from a Hugging Face {@code
     * tokenizer.json} (the {@code model.vocab} map; lower-casing is read from its BERT normalizer,
     * true if absent). A {@code vocab.txt} is taken as uncased.
     */
    public static StudentVocabulary wordPiece(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return readTokenizerJson(file);
        }
        return wordPiece(file, true);
    }

    /** The WordPiece vocabulary of a {@code vocab.txt}, cased or uncased. */
    public static StudentVocabulary wordPiece(Path vocabTxt, boolean lowerCase) throws IOException {
        return new StudentVocabulary(
                VocabularyKind.WORDPIECE, Vocabulary.read(vocabTxt), lowerCase, false);
    }

    /** A builder of a word vocabulary from texts (lower-cased, min frequency 1, max 50,000). */
    public static Builder wordBuilder() {
        return new Builder(VocabularyKind.WORD);
    }

    /** A builder of a Chinese character vocabulary from texts (no bigrams unless asked). */
    public static Builder chineseCharBuilder() {
        return new Builder(VocabularyKind.CHINESE_CHAR);
    }

    private static StudentVocabulary readTokenizerJson(Path file) throws IOException {
        JsonObject root;
        try {
            JsonElement json =
                    JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            checkArgument(json.isJsonObject(), "expected a JSON object");
            root = json.getAsJsonObject();
            JsonObject model = root.getAsJsonObject("model");
            checkArgument(model != null && model.has("vocab"), "no model.vocab map");
            checkArgument(
                    !model.has("type") || "WordPiece".equals(model.get("type").getAsString()),
                    "model.type is %s, not WordPiece",
                    model.has("type") ? model.get("type").getAsString() : null);
            JsonObject vocab = model.getAsJsonObject("vocab");
            String[] tokens = new String[vocab.size()];
            for (Map.Entry<String, JsonElement> e : vocab.entrySet()) {
                int id = e.getValue().getAsInt();
                checkArgument(
                        id >= 0 && id < tokens.length && tokens[id] == null,
                        "ids of model.vocab are not 0..%s without gaps (token '%s' has id %s)",
                        tokens.length - 1,
                        e.getKey(),
                        id);
                tokens[id] = e.getKey();
            }
            boolean lowerCase = true;
            JsonElement normalizer = root.get("normalizer");
            if (normalizer != null
                    && normalizer.isJsonObject()
                    && normalizer.getAsJsonObject().has("lowercase")) {
                lowerCase = normalizer.getAsJsonObject().get("lowercase").getAsBoolean();
            }
            return new StudentVocabulary(
                    VocabularyKind.WORDPIECE,
                    Vocabulary.of(Arrays.asList(tokens)),
                    lowerCase,
                    false);
        } catch (JsonParseException
                | IllegalArgumentException
                | IllegalStateException
                | ClassCastException e) {
            throw new IOException(file + ": not a WordPiece tokenizer.json: " + e.getMessage(), e);
        }
    }

    /** How the text is tokenised. */
    public VocabularyKind kind() {
        return kind;
    }

    /** The token list. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Whether text is lower-cased before lookup. */
    public boolean lowerCase() {
        return lowerCase;
    }

    /** Whether Chinese character bigrams are used. */
    public boolean bigrams() {
        return bigrams;
    }

    /** Number of tokens. */
    public int size() {
        return vocabulary.size();
    }

    /** The tokenizer for this vocabulary. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * The ids of {@code text}'s tokens, unknown tokens as {@code [UNK]} (or dropped, for optional
     * features such as bigrams), not truncated.
     */
    public int[] ids(String text) {
        List<String> tokens = tokenizer.tokenize(text);
        int[] ids = new int[tokens.size()];
        int n = 0;
        for (String token : tokens) {
            int id = vocabulary.idOrMinusOne(token);
            if (id < 0) {
                if (tokenizer.dropIfUnknown(token)) {
                    continue;
                }
                id = vocabulary.unkId();
            }
            ids[n++] = id;
        }
        return n == ids.length ? ids : Arrays.copyOf(ids, n);
    }

    /** The tokenisation settings, saved in {@code config.json}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("kind", kind.name());
        json.addProperty("lowerCase", lowerCase);
        json.addProperty("bigrams", bigrams);
        json.addProperty("size", vocabulary.size());
        return json;
    }

    /**
     * Rebuilds a vocabulary from its {@linkplain #toJson() settings} and token list.
     *
     * @throws ConfigException naming the key that is missing or malformed, or {@code size} if it
     *     differs from the token list's
     */
    public static StudentVocabulary fromJson(JsonObject json, Vocabulary vocabulary) {
        VocabularyKind kind = setting(json, "kind", VocabularyKind.class);
        boolean lowerCase = setting(json, "lowerCase", Boolean.class);
        boolean bigrams = json.has("bigrams") && setting(json, "bigrams", Boolean.class);
        if (json.has("size")) {
            int size = setting(json, "size", Integer.class);
            ConfigException.require(
                    size == vocabulary.size(),
                    "size",
                    "the settings say %s tokens but the vocabulary file has %s",
                    size,
                    vocabulary.size());
        }
        ConfigException.require(
                !bigrams || kind == VocabularyKind.CHINESE_CHAR,
                "bigrams",
                "only a chinese_char vocabulary has bigrams, this one is %s",
                kind);
        return new StudentVocabulary(kind, vocabulary, lowerCase, bigrams);
    }

    /** The value of {@code key}, read strictly as {@code type}; it must be there. */
    private static <T> T setting(JsonObject json, String key, Class<T> type) {
        return StrictJson.readKey(json, key, type)
                .orElseThrow(() -> ConfigException.at(key, "missing"));
    }

    @Override
    public String toString() {
        return "StudentVocabulary{"
                + kind
                + ", size="
                + vocabulary.size()
                + ", lowerCase="
                + lowerCase
                + (bigrams ? ", bigrams" : "")
                + "}";
    }

    /**
     * Builds a word or Chinese character vocabulary from texts: count tokens, keep those seen at
     * least {@code minFrequency} times, the most frequent first, at most {@code maxSize} entries
     * including {@code [PAD]} (id 0) and {@code [UNK]} (id 1). Deterministic: ties are broken by
     * the token string.
     */
    public static final class Builder {
        private final VocabularyKind kind;
        private boolean lowerCase = true;
        private boolean bigrams;
        private int minFrequency = 1;
        private int maxSize = 50_000;

        private Builder(VocabularyKind kind) {
            this.kind = kind;
        }

        /** Lower-case tokens (default true). */
        public Builder optLowerCase(boolean lowerCase) {
            this.lowerCase = lowerCase;
            return this;
        }

        /** Add character bigrams (Chinese only; default false). */
        public Builder optBigrams(boolean bigrams) {
            checkArgument(
                    !bigrams || kind == VocabularyKind.CHINESE_CHAR,
                    "bigrams are only for the Chinese character vocabulary");
            this.bigrams = bigrams;
            return this;
        }

        /** Keep tokens seen at least this many times (default 1). */
        public Builder optMinFrequency(int minFrequency) {
            checkArgument(minFrequency >= 1, "minFrequency must be >= 1, got %s", minFrequency);
            this.minFrequency = minFrequency;
            return this;
        }

        /** At most this many tokens, [PAD] and [UNK] included (default 50,000). */
        public Builder optMaxSize(int maxSize) {
            checkArgument(maxSize >= 2, "maxSize must be >= 2, got %s", maxSize);
            this.maxSize = maxSize;
            return this;
        }

        /** Counts the tokens of {@code texts} and builds the vocabulary. */
        public StudentVocabulary build(Iterable<String> texts) {
            Tokenizer tokenizer =
                    kind == VocabularyKind.WORD
                            ? new WordTokenizer(lowerCase)
                            : new ChineseCharTokenizer(lowerCase, bigrams);
            List<String> all = new ArrayList<>();
            texts.forEach(all::add);
            Vocabulary vocabulary = Vocabulary.build(all, tokenizer, minFrequency, maxSize);
            return new StudentVocabulary(kind, vocabulary, lowerCase, bigrams);
        }
    }
}

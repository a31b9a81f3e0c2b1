package io.github.bertdistill.student.vocab;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable, ordered token list: token {@code i} has id {@code i}, the row {@code i} of the
 * embedding matrix. It always holds a padding token and an unknown-token token.
 *
 * <p>Saved as {@code vocab.txt}, one token per line in id order, the format of BERT's vocabulary
 * file. Vocabularies built from text ({@link #build}) put {@code [PAD]} at 0 and {@code [UNK]} at
 * 1, then the tokens by decreasing frequency, ties broken by the token's natural string order, so
 * the same texts always give the same ids.
 */
public final class Vocabulary {
    /** The padding token. */
    public static final String PAD = "[PAD]";

    /** The unknown-token token. */
    public static final String UNK = "[UNK]";

    private final ImmutableList<String> tokens;
    private final Map<String, Integer> ids;
    private final int padId;
    private final int unkId;

    private Vocabulary(List<String> tokens) {
        this.tokens = ImmutableList.copyOf(tokens);
        Map<String, Integer> map = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            checkArgument(!token.isEmpty(), "vocabulary line %s is empty", i + 1);
            Integer previous = map.putIfAbsent(token, i);
            checkArgument(
                    previous == null,
                    "token '%s' appears twice in the vocabulary (ids %s and %s)",
                    token,
                    previous,
                    i);
        }
        checkArgument(map.containsKey(PAD), "the vocabulary has no %s token", PAD);
        checkArgument(map.containsKey(UNK), "the vocabulary has no %s token", UNK);
        this.ids = map;
        this.padId = map.get(PAD);
        this.unkId = map.get(UNK);
    }

    /** A vocabulary with exactly these tokens in this order; must contain [PAD] and [UNK]. */
    public static Vocabulary of(List<String> tokens) {
        return new Vocabulary(tokens);
    }

    /**
     * Counts the tokens of {@code texts} and keeps those seen at least {@code minFrequency} times,
     * most frequent first, at most {@code maxSize} entries including [PAD] and [UNK].
     */
    public static Vocabulary build(
            Iterable<String> texts, Tokenizer tokenizer, int minFrequency, int maxSize) {
        checkArgument(minFrequency >= 1, "minFrequency must be >= 1, got %s", minFrequency);
        checkArgument(maxSize >= 2, "maxSize must be >= 2 ([PAD] and [UNK]), got %s", maxSize);
        Map<String, long[]> counts = new HashMap<>();
        for (String text : texts) {
            for (String token : tokenizer.tokenize(text)) {
                counts.computeIfAbsent(token, t -> new long[1])[0]++;
            }
        }
        counts.remove(PAD);
        counts.remove(UNK);
        List<Map.Entry<String, long[]>> kept = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] >= minFrequency) {
                kept.add(e);
            }
        }
        kept.sort(
                Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey));
        List<String> tokens = new ArrayList<>(Math.min(maxSize, kept.size() + 2));
        tokens.add(PAD);
        tokens.add(UNK);
        for (int i = 0; i < kept.size() && tokens.size() < maxSize; i++) {
            tokens.add(kept.get(i).getKey());
        }
        return new Vocabulary(tokens);
    }

    /**
     * Reads a {@code vocab.txt}: one token per line, line {@code i} (from 0) is id {@code i}; a
     * trailing newline is allowed.
     *
     * @throws IOException naming the file if it cannot be read or is not a valid vocabulary
     */
    public static Vocabulary read(Path file) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                tokens.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            }
        }
        try {
            return new Vocabulary(tokens);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** This vocabulary as {@code vocab.txt} content. */
    public String toText() {
        StringBuilder out = new StringBuilder(tokens.size() * 8);
        for (String token : tokens) {
            out.append(token).append('\n');
        }
        return out.toString();
    }

    /** Number of tokens: the number of rows of the embedding matrix. */
    public int size() {
        return tokens.size();
    }

    /** The tokens in id order. */
    public List<String> tokens() {
        return tokens;
    }

    /** The token with id {@code id}. */
    public String token(int id) {
        return tokens.get(id);
    }

    /** Whether {@code token} has an id. */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    /** The id of {@code token}, or -1 if it is not in the vocabulary. */
    public int idOrMinusOne(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    /** The id of {@code token}, or {@link #unkId()} if it is not in the vocabulary. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? unkId : id;
    }

    /** Id of {@code [PAD]}. */
    public int padId() {
        return padId;
    }

    /** Id of {@code [UNK]}. */
    public int unkId() {
        return unkId;
    }

    /** The unknown token's string. */
    public String unkToken() {
        return UNK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary && tokens.equals(((Vocabulary) o).tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary{size=" + tokens.size() + ", pad=" + padId + ", unk=" + unkId + "}";
    }
}

package io.github.bertdistill.distill.augment;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Nearest neighbours in a word-embedding matrix by cosine similarity, {@code cos(u, v) = u·v / (‖u‖
 * ‖v‖)}: the stand-in for Tang et al.'s POS-guided word replacement (see {@link
 * EmbeddingNeighbours}).
 *
 * <p>Row {@code i} of the matrix is the embedding of {@code vocabulary.get(i)}; for a teacher this
 * is its input word-embedding table. Only vocabulary entries accepted by the candidate filter can
 * be queried or returned; the default filter accepts entries made only of letters and digits, which
 * leaves out word pieces ({@code ##ing}), special tokens ({@code [CLS]}) and punctuation. Words
 * split into several pieces by the teacher's tokenizer are not in the vocabulary and so are never
 * replaced.
 *
 * <p>The top {@code k} of a word are computed on its first query (one pass over the vocabulary,
 * {@code O(V·d)}) and kept: precomputing all {@code V²} pairs of a 30,000-word vocabulary would
 * take minutes, while a transfer set queries only the words it contains. Ties are broken by
 * vocabulary order, so the result is deterministic. Safe to use from several threads.
 */
public final class CosineNeighbours implements EmbeddingNeighbours {
    private final List<String> vocabulary;
    private final float[][] unitRows;
    private final Map<String, Integer> indices;
    private final int topK;
    private final boolean lowerCase;
    private final Predicate<String> candidates;
    private final Map<Integer, List<String>> memo = new ConcurrentHashMap<>();

    /** A candidate and its similarity; ordered weakest first, ties by later vocabulary index. */
    private record Scored(double similarity, int index) implements Comparable<Scored> {
        @Override
        public int compareTo(Scored other) {
            return similarity != other.similarity
                    ? Double.compare(similarity, other.similarity)
                    : Integer.compare(other.index, index);
        }
    }

    private CosineNeighbours(Builder builder) {
        this.vocabulary = List.copyOf(builder.vocabulary);
        this.unitRows = normalise(builder.embeddings);
        this.topK = builder.topK;
        this.lowerCase = builder.lowerCase;
        this.candidates = builder.candidates;
        this.indices = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            if (candidates.test(vocabulary.get(i))) {
                indices.putIfAbsent(vocabulary.get(i), i);
            }
        }
    }

    /** A builder; vocabulary and embeddings are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code word} is made only of letters and digits: the default candidate filter. */
    public static boolean isPlainWord(String word) {
        return !word.isEmpty() && word.codePoints().allMatch(Character::isLetterOrDigit);
    }

    @Override
    public List<String> neighbours(String word) {
        Integer index = indices.get(lowerCase ? word.toLowerCase(Locale.ROOT) : word);
        return index == null ? List.of() : memo.computeIfAbsent(index, this::nearest);
    }

    private List<String> nearest(int query) {
        float[] q = unitRows[query];
        // A min-heap: its root is the weakest of the best k so far.
        PriorityQueue<Scored> best = new PriorityQueue<>();
        for (int i : indices.values()) {
            if (i == query) {
                continue;
            }
            best.add(new Scored(dot(q, unitRows[i]), i));
            if (best.size() > topK) {
                best.poll();
            }
        }
        List<String> words = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            words.add(vocabulary.get(best.poll().index()));
        }
        Collections.reverse(words);
        return List.copyOf(words);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    private static float[][] normalise(float[][] rows) {
        float[][] unit = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            checkArgument(
                    rows[i].length == rows[0].length,
                    "embedding row %s has %s values, row 0 has %s",
                    i,
                    rows[i].length,
                    rows[0].length);
            double norm = Math.sqrt(dot(rows[i], rows[i]));
            unit[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                unit[i][j] = norm > 0 ? (float) (rows[i][j] / norm) : 0f;
            }
        }
        return unit;
    }

    /** Settings of a {@link CosineNeighbours}. */
    public static final class Builder {
        private List<String> vocabulary;
        private float[][] embeddings;
        private int topK = 10;
        private boolean lowerCase;
        private Predicate<String> candidates = CosineNeighbours::isPlainWord;

        private Builder() {}

        /** The words, in the order of the embedding rows. */
        public Builder setVocabulary(List<String> vocabulary) {
            this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
            return this;
        }

        /** One embedding row per vocabulary word, all of the same width. */
        public Builder setEmbeddings(float[][] embeddings) {
            this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
            return this;
        }

        /** How many neighbours to return per word (default 10). */
        public Builder optTopK(int topK) {
            checkArgument(topK > 0, "top k must be positive, got %s", topK);
            this.topK = topK;
            return this;
        }

        /** Look words up in lower case, for an uncased teacher vocabulary (default false). */
        public Builder optLowerCase(boolean lowerCase) {
            this.lowerCase = lowerCase;
            return this;
        }

        /** Which vocabulary entries may be queried and returned (default {@link #isPlainWord}). */
        public Builder optCandidateFilter(Predicate<String> candidates) {
            this.candidates = Objects.requireNonNull(candidates, "candidates");
            return this;
        }

        /**
         * The neighbour index.
         *
         * @throws IllegalStateException if the vocabulary or embeddings are missing or their sizes
         *     differ
         */
        public CosineNeighbours build() {
            checkState(
                    vocabulary != null && embeddings != null,
                    "vocabulary and embeddings are required");
            checkState(
                    vocabulary.size() == embeddings.length,
                    "%s vocabulary words but %s embedding rows",
                    vocabulary.size(),
                    embeddings.length);
            checkState(!vocabulary.isEmpty(), "the vocabulary is empty");
            return new CosineNeighbours(this);
        }
    }
}

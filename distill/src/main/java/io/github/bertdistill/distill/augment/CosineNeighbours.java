package io.github.bertdistill.distill.augment;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Throwables;
import com.google.common.base.Ticker;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.github.bertdistill.distill.cache.ProgressReporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>The top {@code k} of a word take one pass over the candidates ({@code O(V·d)}); they are
 * computed on the word's first query and kept. {@link #neighboursOfAll} searches many words at once
 * on several threads, in blocks of query rows, and logs its progress; precomputing all {@code V²}
 * pairs would be wasted, as a transfer set queries only the words it contains.
 *
 * <p><b>Deterministic.</b> Each similarity is the dot product of the two normalised rows, summed
 * dimension by dimension in order in a {@code double} (each term a {@code float} product),
 * whichever block or thread computes it; ties are broken by vocabulary order. The answers therefore
 * do not depend on the number of threads or on which words are searched together. Safe to use from
 * several threads.
 */
public final class CosineNeighbours implements EmbeddingNeighbours {
    private static final Logger LOG = LoggerFactory.getLogger(CosineNeighbours.class);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    /** The kernel scores a tile of this many query rows against this many candidate rows. */
    private static final int TILE = 4;

    /** Query rows per task of {@link #neighboursOfAll}: a multiple of {@link #TILE}. */
    private static final int QUERY_BLOCK = 64;

    /**
     * Candidate rows scored against all of a task's queries before the next ones (a multiple of
     * {@link #TILE}): 256 rows of 384 floats stay in a 512 KiB L2 cache.
     */
    private static final int CANDIDATE_BLOCK = 256;

    private final List<String> vocabulary;
    private final int dimension;

    /** The slot of each candidate word: its rank among the candidates, in vocabulary order. */
    private final Map<String, Integer> slots;

    /** The vocabulary index of each slot, ascending. */
    private final int[] rowOfSlot;

    /** The number of slots rounded up to a multiple of {@link #TILE}. */
    private final int paddedSlots;

    /**
     * The normalised embedding of each slot, row-major, followed by zero rows up to a multiple of
     * {@link #TILE} rows.
     */
    private final float[] unitRows;

    private final int topK;
    private final int threads;
    private final boolean lowerCase;
    private final Map<Integer, List<String>> memo = new ConcurrentHashMap<>();

    private CosineNeighbours(Builder builder) {
        this.vocabulary = List.copyOf(builder.vocabulary);
        this.dimension = builder.embeddings[0].length;
        this.topK = builder.topK;
        this.threads = builder.threads;
        this.lowerCase = builder.lowerCase;
        this.slots = new HashMap<>();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            checkArgument(
                    builder.embeddings[i].length == dimension,
                    "embedding row %s has %s values, row 0 has %s",
                    i,
                    builder.embeddings[i].length,
                    dimension);
            String word = vocabulary.get(i);
            if (builder.candidates.test(word) && !slots.containsKey(word)) {
                slots.put(word, rows.size());
                rows.add(i);
            }
        }
        this.rowOfSlot = rows.stream().mapToInt(Integer::intValue).toArray();
        this.paddedSlots = (rowOfSlot.length + TILE - 1) / TILE * TILE;
        this.unitRows = new float[paddedSlots * dimension];
        normalise(builder.embeddings, rowOfSlot, unitRows);
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
        Integer slot = slotOf(word);
        return slot == null
                ? List.of()
                : memo.computeIfAbsent(slot, s -> words(search(new int[] {s}, 1, n -> {})[0]));
    }

    /**
     * The neighbours of each of {@code words}, searched at once on the builder's number of threads,
     * with progress lines at INFO ({@code nearest neighbours: 2304/9876 (23.3%), 310.2 words/s, ETA
     * 0m24s}). The answers are the same as {@link #neighbours}'s.
     */
    @Override
    public Map<String, List<String>> neighboursOfAll(Collection<String> words) {
        int[] missing =
                words.stream()
                        .map(this::slotOf)
                        .filter(slot -> slot != null && !memo.containsKey(slot))
                        .mapToInt(Integer::intValue)
                        .distinct()
                        .sorted()
                        .toArray();
        if (missing.length > 0) {
            LOG.info(
                    "nearest neighbours: searching {} words among {} candidates, {} threads",
                    missing.length,
                    rowOfSlot.length,
                    threads);
            ProgressReporter progress =
                    new ProgressReporter(
                            "nearest neighbours",
                            "words",
                            missing.length,
                            PROGRESS_INTERVAL,
                            Ticker.systemTicker());
            int[][] found = search(missing, threads, progress::advance);
            progress.finish();
            for (int i = 0; i < missing.length; i++) {
                memo.putIfAbsent(missing[i], words(found[i]));
            }
        }
        Map<String, List<String>> answers = new HashMap<>();
        for (String word : words) {
            Integer slot = slotOf(word);
            answers.put(word, slot == null ? List.of() : memo.get(slot));
        }
        return Map.copyOf(answers);
    }

    private Integer slotOf(String word) {
        return slots.get(lowerCase ? word.toLowerCase(Locale.ROOT) : word);
    }

    private List<String> words(int[] best) {
        List<String> words = new ArrayList<>(best.length);
        for (int slot : best) {
            words.add(vocabulary.get(rowOfSlot[slot]));
        }
        return List.copyOf(words);
    }

    /**
     * The best slots of each query slot, best first, searched in blocks of {@link #QUERY_BLOCK}
     * queries on up to {@code threadCount} threads; {@code progress} hears, on the calling thread,
     * how many queries each finished block held.
     */
    private int[][] search(int[] queries, int threadCount, IntConsumer progress) {
        int[][] found = new int[queries.length][];
        int blocks = (queries.length + QUERY_BLOCK - 1) / QUERY_BLOCK;
        int workers = Math.min(threadCount, blocks);
        if (workers == 1) {
            for (int block = 0; block < blocks; block++) {
                progress.accept(searchBlock(queries, block, found));
            }
            return found;
        }
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        workers,
                        new ThreadFactoryBuilder()
                                .setNameFormat("neighbours-%d")
                                .setDaemon(true)
                                .build());
        try {
            CompletionService<Integer> done = new ExecutorCompletionService<>(pool);
            for (int block = 0; block < blocks; block++) {
                int b = block;
                done.submit(() -> searchBlock(queries, b, found));
            }
            for (int block = 0; block < blocks; block++) {
                progress.accept(done.take().get());
            }
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching neighbours", e);
        } catch (ExecutionException e) {
            Throwables.throwIfUnchecked(e.getCause());
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Searches the queries of one block, writing their best slots into {@code found}; returns how
     * many queries the block held. The last tile of queries repeats its last query to fill the
     * tile, and the padding rows after the last slot score zero: neither is ever offered.
     */
    private int searchBlock(int[] queries, int block, int[][] found) {
        int from = block * QUERY_BLOCK;
        int to = Math.min(queries.length, from + QUERY_BLOCK);
        int last = to - 1;
        Best[] best = new Best[to - from];
        for (int i = 0; i < best.length; i++) {
            best[i] = new Best(topK);
        }
        double[] tile = new double[TILE * TILE];
        for (int c0 = 0; c0 < paddedSlots; c0 += CANDIDATE_BLOCK) {
            int c1 = Math.min(paddedSlots, c0 + CANDIDATE_BLOCK);
            for (int q = from; q < to; q += TILE) {
                for (int c = c0; c < c1; c += TILE) {
                    scoreTile(
                            queries[q] * dimension,
                            queries[Math.min(q + 1, last)] * dimension,
                            queries[Math.min(q + 2, last)] * dimension,
                            queries[Math.min(q + 3, last)] * dimension,
                            c * dimension,
                            tile);
                    for (int t = 0; t < TILE && q + t < to; t++) {
                        for (int u = 0; u < TILE; u++) {
                            int candidate = c + u;
                            if (candidate < rowOfSlot.length && candidate != queries[q + t]) {
                                best[q + t - from].offer(tile[t * TILE + u], candidate);
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < best.length; i++) {
            found[from + i] = best[i].slots();
        }
        return to - from;
    }

    /**
     * The dot products of four query rows (at offsets {@code q0…q3} of {@link #unitRows}) with the
     * four candidate rows from offset {@code c}: {@code tile[4·t + u] = query t · candidate u}.
     * Sixteen independent sums keep the processor busy; each is summed as {@link #dot} does.
     */
    private void scoreTile(int q0, int q1, int q2, int q3, int c, double[] tile) {
        float[] m = unitRows;
        int d = dimension;
        int c0 = c;
        int c1 = c + d;
        int c2 = c + 2 * d;
        int c3 = c + 3 * d;
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        double s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        double s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int j = 0; j < d; j++) {
            float a0 = m[q0 + j];
            float a1 = m[q1 + j];
            float a2 = m[q2 + j];
            float a3 = m[q3 + j];
            float b0 = m[c0 + j];
            float b1 = m[c1 + j];
            float b2 = m[c2 + j];
            float b3 = m[c3 + j];
            s00 += a0 * b0;
            s01 += a0 * b1;
            s02 += a0 * b2;
            s03 += a0 * b3;
            s10 += a1 * b0;
            s11 += a1 * b1;
            s12 += a1 * b2;
            s13 += a1 * b3;
            s20 += a2 * b0;
            s21 += a2 * b1;
            s22 += a2 * b2;
            s23 += a2 * b3;
            s30 += a3 * b0;
            s31 += a3 * b1;
            s32 += a3 * b2;
            s33 += a3 * b3;
        }
        tile[0] = s00;
        tile[1] = s01;
        tile[2] = s02;
        tile[3] = s03;
        tile[4] = s10;
        tile[5] = s11;
        tile[6] = s12;
        tile[7] = s13;
        tile[8] = s20;
        tile[9] = s21;
        tile[10] = s22;
        tile[11] = s23;
        tile[12] = s30;
        tile[13] = s31;
        tile[14] = s32;
        tile[15] = s33;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    /** Writes {@code rows[pick[s]]} scaled to length 1 as row {@code s} of {@code unit}. */
    private static void normalise(float[][] rows, int[] pick, float[] unit) {
        for (int s = 0; s < pick.length; s++) {
            float[] row = rows[pick[s]];
            double norm = Math.sqrt(dot(row, row));
            for (int j = 0; j < row.length; j++) {
                unit[s * row.length + j] = norm > 0 ? (float) (row[j] / norm) : 0f;
            }
        }
    }

    /**
     * The best {@code k} candidates offered so far for one query, best first: the higher
     * similarity, then the earlier slot (vocabulary order), so that the result does not depend on
     * the order of the offers.
     */
    private static final class Best {
        private final double[] scores;
        private final int[] slots;
        private int size;

        Best(int k) {
            scores = new double[k];
            slots = new int[k];
        }

        void offer(double score, int slot) {
            boolean full = size == scores.length;
            if (full && !precedes(score, slot, scores[size - 1], slots[size - 1])) {
                return;
            }
            int i = full ? size - 1 : size++;
            for (; i > 0 && precedes(score, slot, scores[i - 1], slots[i - 1]); i--) {
                scores[i] = scores[i - 1];
                slots[i] = slots[i - 1];
            }
            scores[i] = score;
            slots[i] = slot;
        }

        int[] slots() {
            return Arrays.copyOf(slots, size);
        }

        private static boolean precedes(double score, int slot, double other, int otherSlot) {
            return score != other ? Double.compare(score, other) > 0 : slot < otherSlot;
        }
    }

    /** Settings of a {@link CosineNeighbours}. */
    public static final class Builder {
        private List<String> vocabulary;
        private float[][] embeddings;
        private int topK = 10;
        private int threads = Runtime.getRuntime().availableProcessors();
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

        /**
         * How many threads {@link #neighboursOfAll} searches on (default: one per available
         * processor). The answers do not depend on it.
         */
        public Builder optThreads(int threads) {
            checkArgument(threads > 0, "the thread count must be positive, got %s", threads);
            this.threads = threads;
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
         * @throws IllegalArgumentException if the embedding rows differ in width
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

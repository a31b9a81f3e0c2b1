package io.github.bertdistill.student.init;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.bertdistill.student.vocab.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Initial student embeddings: random, from the teacher's word-embedding matrix, or from a user's
 * word-vector file.
 *
 * <ul>
 *   <li><b>Random:</b> {@code U(−0.25, 0.25)} per value (Kim 2014's choice for words without a
 *       pre-trained vector), seeded.
 *   <li><b>Teacher:</b> each student token takes the teacher's row of the same token string (with
 *       the teacher's WordPiece vocabulary that is the same id; with another vocabulary, the tokens
 *       both share). At the teacher's width {@code d} the rows are copied; at a smaller width
 *       {@code k} they are projected by {@link Pca} fitted on the copied rows: {@code e = (x −
 *       μ)·[v_1..v_k]}.
 *   <li><b>Word vectors:</b> the same, with rows from a word2vec/GloVe text file ({@link
 *       WordVectors}); a token missing as written is looked up ignoring case.
 * </ul>
 *
 * Rows without a source vector are drawn from {@code U(−a, a)} with {@code a = √(3·σ²)}, {@code σ²}
 * the variance of the matched values, so that they have the same scale. The {@code [PAD]} row is
 * zero. The result says how many rows were matched ({@link EmbeddingMatrix#matchedRows()}).
 */
public final class EmbeddingInitializer {
    private EmbeddingInitializer() {}

    /** Random embeddings {@code U(−0.25, 0.25)}, {@code [PAD]} row zero. */
    public static EmbeddingMatrix random(Vocabulary vocabulary, int dimension, long seed) {
        checkArgument(dimension >= 1, "dimension must be >= 1, got %s", dimension);
        float[] values = new float[vocabulary.size() * dimension];
        fillUniform(values, 0, values.length, 0.25, new SplittableRandom(seed));
        zeroRow(values, vocabulary.padId(), dimension);
        return new EmbeddingMatrix(vocabulary.size(), dimension, values, 0);
    }

    /**
     * Embeddings from the teacher's word-embedding matrix.
     *
     * @param teacherTokens the teacher's vocabulary, in id order
     * @param teacherMatrix the teacher's {@code [teacherTokens.size(), d]} matrix, row-major
     * @param student the student's vocabulary
     * @param dimension the student's width: {@code d} copies, less projects by PCA
     * @param seed seed for rows the teacher does not have
     */
    public static EmbeddingMatrix fromTeacher(
            List<String> teacherTokens,
            float[] teacherMatrix,
            Vocabulary student,
            int dimension,
            long seed) {
        int rows = teacherTokens.size();
        checkArgument(
                rows >= 1 && teacherMatrix.length % rows == 0,
                "a teacher matrix of %s values cannot have %s rows",
                teacherMatrix.length,
                rows);
        int d = teacherMatrix.length / rows;
        Map<String, Integer> teacherIds = new HashMap<>(rows * 2);
        for (int i = 0; i < rows; i++) {
            teacherIds.putIfAbsent(teacherTokens.get(i), i);
        }
        int[] source = new int[student.size()];
        for (int id = 0; id < student.size(); id++) {
            Integer t = teacherIds.get(student.token(id));
            source[id] = id == student.padId() || t == null ? -1 : t;
        }
        return project(teacherMatrix, d, source, student, dimension, seed);
    }

    /**
     * Embeddings from a word2vec/GloVe text file; only the student's tokens are kept in memory.
     *
     * @param dimension the student's width: the file's width copies, less projects by PCA
     */
    public static EmbeddingMatrix fromWordVectors(
            Path file, Vocabulary student, int dimension, long seed) throws IOException {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (String token : student.tokens()) {
            wanted.add(token.toLowerCase(Locale.ROOT));
        }
        WordVectors vectors =
                WordVectors.read(file, w -> wanted.contains(w.toLowerCase(Locale.ROOT)));
        int d = vectors.dimension();
        float[] matrix = new float[student.size() * d];
        int[] source = new int[student.size()];
        for (int id = 0; id < student.size(); id++) {
            String token = student.token(id);
            float[] v = vectors.get(token);
            if (v == null) {
                v = vectors.getIgnoringCase(token);
            }
            if (v == null || id == student.padId()) {
                source[id] = -1;
            } else {
                System.arraycopy(v, 0, matrix, id * d, d);
                source[id] = id;
            }
        }
        return project(matrix, d, source, student, dimension, seed);
    }

    /** Student row {@code id} ← source row {@code source[id]} (or random when -1). */
    private static EmbeddingMatrix project(
            float[] sourceMatrix,
            int d,
            int[] source,
            Vocabulary student,
            int dimension,
            long seed) {
        checkArgument(
                dimension >= 1 && dimension <= d,
                "the student width %s must be in [1, %s] (the source width): PCA can only reduce"
                        + " dimensions",
                dimension,
                d);
        int matched = 0;
        for (int s : source) {
            matched += s >= 0 ? 1 : 0;
        }
        int[] selected = new int[matched];
        int n = 0;
        for (int s : source) {
            if (s >= 0) {
                selected[n++] = s;
            }
        }
        float[] values = new float[student.size() * dimension];
        Pca pca = null;
        if (dimension < d && matched > 0) {
            pca = Pca.fit(sourceMatrix, d, selected, dimension);
        }
        double sum = 0;
        double sumSquares = 0;
        for (int id = 0; id < source.length; id++) {
            if (source[id] < 0) {
                continue;
            }
            int out = id * dimension;
            if (pca != null) {
                pca.project(sourceMatrix, source[id] * d, values, out);
            } else {
                System.arraycopy(sourceMatrix, source[id] * d, values, out, dimension);
            }
            for (int j = out; j < out + dimension; j++) {
                sum += values[j];
                sumSquares += (double) values[j] * values[j];
            }
        }
        double bound = 0.25;
        if (matched > 0) {
            double count = (double) matched * dimension;
            double variance = Math.max(0, sumSquares / count - (sum / count) * (sum / count));
            bound = variance > 0 ? Math.sqrt(3 * variance) : 0.25;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int id = 0; id < source.length; id++) {
            if (source[id] < 0) {
                fillUniform(values, id * dimension, (id + 1) * dimension, bound, random);
            }
        }
        zeroRow(values, student.padId(), dimension);
        return new EmbeddingMatrix(student.size(), dimension, values, matched);
    }

    private static void fillUniform(
            float[] values, int from, int to, double bound, SplittableRandom random) {
        for (int i = from; i < to; i++) {
            values[i] = (float) random.nextDouble(-bound, bound);
        }
    }

    private static void zeroRow(float[] values, int row, int dimension) {
        java.util.Arrays.fill(values, row * dimension, (row + 1) * dimension, 0f);
    }
}

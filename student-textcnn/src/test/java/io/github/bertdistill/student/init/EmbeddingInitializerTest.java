package io.github.bertdistill.student.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.student.vocab.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingInitializerTest {
    private static final List<String> TEACHER = List.of("[PAD]", "[UNK]", "a", "b", "c", "d", "e");
    private static final Vocabulary STUDENT =
            Vocabulary.of(List.of("[PAD]", "[UNK]", "c", "a", "zz", "e"));
    private static final int D = 6;

    @TempDir Path temp;

    /** Row i of the teacher: a point of a 2-D affine subspace of R^6 plus nothing else. */
    private static float[] teacherMatrix() {
        float[] m = new float[TEACHER.size() * D];
        double[] u1 = {1, 1, 0, 0, 0, 0};
        double[] u2 = {0, 0, 1, -1, 0, 0};
        double[] mu = {0.5, -0.2, 0.1, 0.3, 0.7, -0.4};
        for (int i = 0; i < TEACHER.size(); i++) {
            double alpha = 3 * Math.sin(i + 1);
            double beta = 0.5 * Math.cos(2 * i + 1);
            for (int j = 0; j < D; j++) {
                m[i * D + j] =
                        (float)
                                (mu[j]
                                        + alpha * u1[j] / Math.sqrt(2)
                                        + beta * u2[j] / Math.sqrt(2));
            }
        }
        return m;
    }

    private static float[] teacherRow(float[] m, int i) {
        float[] row = new float[D];
        System.arraycopy(m, i * D, row, 0, D);
        return row;
    }

    @Test
    void copiesTheMatchingTeacherRowsAtTheTeachersWidth() {
        float[] teacher = teacherMatrix();
        EmbeddingMatrix e = EmbeddingInitializer.fromTeacher(TEACHER, teacher, STUDENT, D, 1);
        assertEquals(6, e.rows());
        assertEquals(D, e.cols());
        assertArrayEquals(new float[D], e.row(0), 0f, "[PAD] is zero");
        assertArrayEquals(teacherRow(teacher, 1), e.row(1), 0f, "[UNK]");
        assertArrayEquals(teacherRow(teacher, 4), e.row(2), 0f, "c");
        assertArrayEquals(teacherRow(teacher, 2), e.row(3), 0f, "a");
        assertArrayEquals(teacherRow(teacher, 6), e.row(5), 0f, "e");
        assertEquals(4, e.matchedRows());
        float[] zz = e.row(4);
        boolean nonZero = false;
        for (float v : zz) {
            nonZero |= v != 0;
        }
        assertTrue(nonZero, "a token the teacher lacks gets a random row");
    }

    @Test
    void projectsTheMatchingRowsByPca() {
        float[] teacher = teacherMatrix();
        EmbeddingMatrix e = EmbeddingInitializer.fromTeacher(TEACHER, teacher, STUDENT, 2, 1);
        assertEquals(2, e.cols());
        int[] student = {1, 2, 3, 5};
        int[] teacherIds = {1, 4, 2, 6};
        // the points lie in a 2-D affine subspace: projecting on the top 2 components keeps all
        // pairwise distances
        for (int i = 0; i < student.length; i++) {
            for (int j = i + 1; j < student.length; j++) {
                double dt =
                        distance(
                                teacherRow(teacher, teacherIds[i]),
                                teacherRow(teacher, teacherIds[j]));
                double ds = distance(e.row(student[i]), e.row(student[j]));
                assertEquals(dt, ds, 1e-4);
            }
        }
        // and the projection is centred: the matched rows average to zero
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            for (int s : student) {
                sum += e.row(s)[c];
            }
            assertEquals(0, sum / student.length, 1e-5);
        }
        assertArrayEquals(new float[2], e.row(0), 0f);
        // with the projection recomputed by hand: y = (x − μ)·v
        Pca pca = Pca.fit(teacher, D, teacherIds, 2);
        float[] expected = new float[2];
        pca.project(teacher, 4 * D, expected, 0);
        assertArrayEquals(expected, e.row(2), 0f);
        assertTrue(pca.variance(0) >= pca.variance(1));
        assertThrows(
                IllegalArgumentException.class,
                () -> EmbeddingInitializer.fromTeacher(TEACHER, teacher, STUDENT, 7, 1));
    }

    @Test
    void readsWord2vecAndGloveTextFiles() throws IOException {
        Path word2vec = temp.resolve("vectors.txt");
        Files.writeString(word2vec, "3 2\nC 1.0 2.0\na 0.5 -0.5\nunused 9 9\n");
        EmbeddingMatrix e = EmbeddingInitializer.fromWordVectors(word2vec, STUDENT, 2, 1);
        assertArrayEquals(new float[] {1f, 2f}, e.row(2), 0f, "c matches C ignoring case");
        assertArrayEquals(new float[] {0.5f, -0.5f}, e.row(3), 0f);
        assertEquals(2, e.matchedRows());

        Path glove = temp.resolve("glove.txt");
        Files.writeString(glove, "a 0.5 -0.5 1\nc 1 2 3\ne 0 0 1\n");
        EmbeddingMatrix g = EmbeddingInitializer.fromWordVectors(glove, STUDENT, 3, 1);
        assertArrayEquals(new float[] {1f, 2f, 3f}, g.row(2), 0f);
        assertEquals(3, g.matchedRows());

        Path bad = temp.resolve("bad.txt");
        Files.writeString(bad, "a 0.5 -0.5\nc 1\n");
        IOException error =
                assertThrows(
                        IOException.class,
                        () -> EmbeddingInitializer.fromWordVectors(bad, STUDENT, 2, 1));
        assertTrue(error.getMessage().contains("bad.txt:2"), error.getMessage());
    }

    @Test
    void gzippedFilesAreReadAndTheirWidthIsFoundFromTheFirstLines() throws IOException {
        Path gzipped = temp.resolve("glove.txt.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(
                    "\na 0.5 -0.5 1\nc 1 2 3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(3, WordVectors.dimensionOf(gzipped));
        EmbeddingMatrix g = EmbeddingInitializer.fromWordVectors(gzipped, STUDENT, 3, 1);
        assertArrayEquals(new float[] {1f, 2f, 3f}, g.row(2), 0f);
        assertArrayEquals(new float[] {0.5f, -0.5f, 1f}, g.row(3), 0f);

        Path word2vec = Files.writeString(temp.resolve("w2v.txt"), "2 5\na 1 2 3 4 5\n");
        assertEquals(5, WordVectors.dimensionOf(word2vec), "from the header");
        // a header after blank lines is still a header, for the reader as for dimensionOf
        Path late = Files.writeString(temp.resolve("late.txt"), "\n\n1 2\nc 1 2\n");
        assertEquals(2, WordVectors.dimensionOf(late));
        EmbeddingMatrix l = EmbeddingInitializer.fromWordVectors(late, STUDENT, 2, 1);
        assertArrayEquals(new float[] {1f, 2f}, l.row(2), 0f);
        Path empty = Files.writeString(temp.resolve("empty.txt"), "\n\n");
        IOException none = assertThrows(IOException.class, () -> WordVectors.dimensionOf(empty));
        assertEquals(empty + ": no word vectors found", none.getMessage());
    }

    @Test
    void scalingKeepsDirectionsAndSetsTheStandardDeviation() {
        // values 0, 0, 1, 3, -1, 1: mean 2/3, mean of squares 2, std sqrt(2 - 4/9)
        EmbeddingMatrix m = new EmbeddingMatrix(3, 2, new float[] {0, 0, 1, 3, -1, 1}, 2);
        assertEquals(Math.sqrt(2 - 4 / 9.0), m.std(), 1e-9);
        EmbeddingMatrix scaled = m.scaledToStd(0.5);
        assertEquals(0.5, scaled.std(), 1e-6);
        float factor = (float) (0.5 / m.std());
        assertArrayEquals(new float[] {factor, 3 * factor}, scaled.row(1), 1e-7f);
        assertArrayEquals(new float[] {0, 0}, scaled.row(0), 0f, "[PAD] stays zero");
        assertEquals(2, scaled.matchedRows());
        assertArrayEquals(new float[] {1, 3}, m.row(1), 0f, "the original is unchanged");
        assertThrows(IllegalArgumentException.class, () -> m.scaledToStd(0));
        EmbeddingMatrix zero = new EmbeddingMatrix(2, 2, new float[4], 0);
        assertThrows(IllegalArgumentException.class, () -> zero.scaledToStd(0.1));
    }

    @Test
    void writtenWordVectorsReadBackExactly() throws IOException {
        Path file = temp.resolve("written.vec");
        float[] values = {0.1f, -2.5e-7f, 3f, Float.MIN_VALUE, 1f / 3, -0f};
        try (var out = Files.newOutputStream(file)) {
            WordVectors.write(out, List.of("a", "##ing", "c"), values, 2);
        }
        assertTrue(Files.readString(file).startsWith("3 2\n"), "word2vec header");
        WordVectors read = WordVectors.read(file, w -> true);
        assertEquals(3, read.size());
        assertArrayEquals(new float[] {0.1f, -2.5e-7f}, read.get("a"), 0f);
        assertArrayEquals(new float[] {3f, Float.MIN_VALUE}, read.get("##ing"), 0f);
        assertArrayEquals(new float[] {1f / 3, -0f}, read.get("c"), 0f);

        var out = new java.io.ByteArrayOutputStream();
        IllegalArgumentException spaced =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> WordVectors.write(out, List.of("two words"), new float[] {1}, 1));
        assertTrue(spaced.getMessage().contains("'two words'"), spaced.getMessage());
    }

    @Test
    void randomIsSeededWithAZeroPadRow() {
        EmbeddingMatrix a = EmbeddingInitializer.random(STUDENT, 4, 3);
        EmbeddingMatrix b = EmbeddingInitializer.random(STUDENT, 4, 3);
        assertArrayEquals(a.values(), b.values(), 0f);
        assertArrayEquals(new float[4], a.row(0), 0f);
        for (float v : a.values()) {
            assertTrue(v >= -0.25f && v <= 0.25f);
        }
    }

    private static double distance(float[] x, float[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - y[i]) * (double) (x[i] - y[i]);
        }
        return Math.sqrt(sum);
    }
}

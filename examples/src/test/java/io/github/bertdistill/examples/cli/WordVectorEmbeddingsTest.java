package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.examples.testing.TinyRun;
import io.github.bertdistill.student.init.EmbeddingMatrix;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.vocab.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code student.embeddings = vectors}: the students start from a user's word-vector file; a frozen
 * (CNN-static) student keeps exactly the file's vectors for the words it has, and a wrong file is
 * refused before anything is trained.
 */
class WordVectorEmbeddingsTest {
    private static final int WIDTH = 8;

    @TempDir Path folder;

    private Vocabulary vocabulary;

    @Test
    void aStaticStudentHoldsTheFilesVectorsScaledOrAsWrittenAndABadFileIsRefusedFirst()
            throws Exception {
        String recipe = TinyRun.recipe(folder).toString();
        Path run = folder.resolve("run");
        // GloVe's layout (no header), cased words: the student's lower-cased tokens match them
        // ignoring case.
        Path vectors =
                Files.writeString(
                        folder.resolve("glove.txt"),
                        "Good " + vector(1) + "\nawful " + vector(2) + "\nunused " + vector(3));
        String textcnn =
                "student.textcnn={\"embeddingSize\": 8, \"kernelWidths\": [1, 2],"
                        + " \"filtersPerWidth\": 4, \"maxLength\": 16, \"embeddingMode\":"
                        + " \"STATIC\"}";
        String[] options = {
            "--recipe",
            recipe,
            "--output",
            run.toString(),
            "--set",
            "student.embeddings=vectors",
            "--set",
            "student.wordVectors=" + vectors,
            "--set",
            textcnn
        };
        CliResult scaled = CliResult.run(StageCommandsTest.concat("train", options));
        assertEquals(0, scaled.exitCode(), scaled.toString());
        assertFalse(Files.exists(run.resolve("teacher")), "no teacher needed: " + scaled);
        float[] weights = embeddings(run);
        assertEquals(
                0.1,
                new EmbeddingMatrix(weights.length / WIDTH, WIDTH, weights, 0).std(),
                1e-5,
                "scaled to wordVectorStd 0.1");
        float factor = row(weights, "good")[0] / weights(1)[0];
        assertArrayEquals(times(weights(1), factor), row(weights, "good"), 1e-6f);
        assertArrayEquals(times(weights(2), factor), row(weights, "awful"), 1e-6f, "one factor");

        CliResult kept =
                CliResult.run(
                        StageCommandsTest.concat(
                                "train", options, "--retrain", "--set", "student.wordVectorStd=0"));
        assertEquals(0, kept.exitCode(), kept.toString());
        weights = embeddings(run);
        assertArrayEquals(weights(1), row(weights, "good"), 0f, "the file's values");
        assertArrayEquals(weights(2), row(weights, "awful"), 0f);
        float[] tasty = row(weights, "tasty");
        assertFalse(tasty[0] == 0f && tasty[1] == 0f, "a word the file lacks starts at random");

        Path narrow = Files.writeString(folder.resolve("narrow.txt"), "good 1 2 3\n");
        CliResult refused =
                CliResult.run(
                        StageCommandsTest.concat(
                                "train",
                                options,
                                "--retrain",
                                "--set",
                                "student.wordVectors=" + narrow));
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(
                refused.errorLine()
                        .contains(
                                "student.wordVectors: holds 3-wide vectors, narrower than"
                                        + " textcnn.embeddingSize 8"),
                refused.err());
    }

    /** The file's vector {@code k}: {@code k, k + 1, …} over {@link #WIDTH} values, as text. */
    private static String vector(int k) {
        StringBuilder line = new StringBuilder();
        for (float v : weights(k)) {
            line.append(line.length() == 0 ? "" : " ").append(v);
        }
        return line.toString();
    }

    private static float[] weights(int k) {
        float[] v = new float[WIDTH];
        for (int j = 0; j < WIDTH; j++) {
            v[j] = k + j / 8f;
        }
        return v;
    }

    /** The saved hard student's embedding matrix, {@code [V, WIDTH]}, with its vocabulary. */
    private float[] embeddings(Path run) throws Exception {
        try (TextCnnClassifier student =
                TextCnnClassifier.load(run.resolve("students/student-hard"))) {
            vocabulary = student.vocabulary().vocabulary();
            return student.block()
                    .namedParameters()
                    .get("embedding.weight")
                    .getArray()
                    .toFloatArray();
        }
    }

    /** The row of {@code word} in a {@code [V, WIDTH]} matrix. */
    private float[] row(float[] matrix, String word) {
        float[] row = new float[WIDTH];
        System.arraycopy(matrix, vocabulary.id(word) * WIDTH, row, 0, WIDTH);
        return row;
    }

    private static float[] times(float[] v, float factor) {
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] * factor;
        }
        return out;
    }
}

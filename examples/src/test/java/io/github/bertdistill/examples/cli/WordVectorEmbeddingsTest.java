package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.examples.testing.TinyRun;
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

    @Test
    void aStaticStudentHoldsTheFilesVectorsAndABadFileIsRefusedFirst() throws Exception {
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
        CliResult hard = CliResult.run(StageCommandsTest.concat("train", options));
        assertEquals(0, hard.exitCode(), hard.toString());
        assertFalse(Files.exists(run.resolve("teacher")), "no teacher needed: " + hard);

        try (TextCnnClassifier student =
                TextCnnClassifier.load(run.resolve("students/student-hard"))) {
            Vocabulary vocabulary = student.vocabulary().vocabulary();
            float[] weights =
                    student.block()
                            .namedParameters()
                            .get("embedding.weight")
                            .getArray()
                            .toFloatArray();
            assertArrayEquals(row(weights, vocabulary.id("good")), weights(1), 0f);
            assertArrayEquals(row(weights, vocabulary.id("awful")), weights(2), 0f);
            float[] tasty = row(weights, vocabulary.id("tasty"));
            assertFalse(tasty[0] == 0f && tasty[1] == 0f, "a word the file lacks starts at random");
        }

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

    /** Row {@code id} of a {@code [V, WIDTH]} matrix. */
    private static float[] row(float[] matrix, int id) {
        float[] row = new float[WIDTH];
        System.arraycopy(matrix, id * WIDTH, row, 0, WIDTH);
        return row;
    }
}

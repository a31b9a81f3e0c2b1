package io.github.bertdistill.examples.pipeline;

import ai.djl.ndarray.NDArray;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.weights.HfCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The teacher's WordPiece vocabulary and word-embedding matrix: the neighbour space of word
 * replacement in augmentation, and the optional initialisation of the students' embeddings.
 *
 * @param tokens the teacher's tokens in id order
 * @param values the {@code [tokens.size(), dimension]} matrix, row-major
 * @param dimension the teacher's hidden width
 */
record TeacherWordEmbeddings(List<String> tokens, float[] values, int dimension) {
    private static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";

    /** Reads them from a loaded teacher and its saved folder's {@code tokenizer.json}. */
    static TeacherWordEmbeddings of(BertClassifier teacher, Path teacherFolder) throws IOException {
        List<String> tokens =
                StudentVocabulary.wordPiece(teacherFolder.resolve(HfCheckpoint.TOKENIZER_FILE))
                        .vocabulary()
                        .tokens();
        NDArray matrix = teacher.bertBlock().bert().hfParameters().get(WORD_EMBEDDINGS).getArray();
        int dimension = Math.toIntExact(matrix.getShape().get(1));
        if (matrix.getShape().get(0) != tokens.size()) {
            throw new IllegalStateException(
                    teacherFolder
                            + ": the tokenizer has "
                            + tokens.size()
                            + " tokens but the embedding matrix "
                            + matrix.getShape().get(0)
                            + " rows");
        }
        return new TeacherWordEmbeddings(tokens, matrix.toFloatArray(), dimension);
    }

    /** The matrix as one array per token. */
    float[][] rows() {
        float[][] rows = new float[tokens.size()][dimension];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(values, r * dimension, rows[r], 0, dimension);
        }
        return rows;
    }
}

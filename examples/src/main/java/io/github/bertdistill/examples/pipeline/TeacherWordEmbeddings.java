package io.github.bertdistill.examples.pipeline;

import ai.djl.ndarray.NDArray;
import io.github.bertdistill.core.model.BlockTextClassifier;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.distill.augment.CosineNeighbours;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.weights.HfCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The teacher's WordPiece vocabulary and word-embedding matrix: the neighbour space of word
 * replacement in augmentation, and the optional initialisation of the students' embeddings.
 *
 * @param tokens the teacher's tokens in id order
 * @param values the {@code [tokens.size(), dimension]} matrix, row-major
 * @param dimension the teacher's hidden width
 */
public record TeacherWordEmbeddings(List<String> tokens, float[] values, int dimension) {
    private static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";
    private static final String WORD_EMBEDDINGS_SUFFIX = "word_embeddings.weight";

    /**
     * Reads them from a loaded teacher and its folder's {@code tokenizer.json}: a BERT teacher's
     * {@code embeddings.word_embeddings.weight}, or the parameter of a TorchScript teacher whose
     * name ends so (a traced Hugging Face BERT, RoBERTa, DeBERTa, …) with one row per token; empty
     * when the teacher has no such matrix.
     */
    public static Optional<TeacherWordEmbeddings> find(TextClassifier teacher, Path teacherFolder)
            throws IOException {
        List<String> tokens =
                StudentVocabulary.wordPiece(teacherFolder.resolve(HfCheckpoint.TOKENIZER_FILE))
                        .vocabulary()
                        .tokens();
        Optional<NDArray> matrix =
                teacher instanceof BertClassifier bert
                        ? Optional.of(
                                bert.bertBlock()
                                        .bert()
                                        .hfParameters()
                                        .get(WORD_EMBEDDINGS)
                                        .getArray())
                        : teacher instanceof BlockTextClassifier block
                                ? block.block().getParameters().stream()
                                        .filter(p -> p.getKey().endsWith(WORD_EMBEDDINGS_SUFFIX))
                                        .map(p -> p.getValue().getArray())
                                        .filter(a -> a.getShape().dimension() == 2)
                                        .findFirst()
                                : Optional.empty();
        if (matrix.isEmpty()) {
            return Optional.empty();
        }
        NDArray values = matrix.get();
        int dimension = Math.toIntExact(values.getShape().get(1));
        if (values.getShape().get(0) != tokens.size()) {
            throw new IllegalStateException(
                    teacherFolder
                            + ": the tokenizer has "
                            + tokens.size()
                            + " tokens but the embedding matrix "
                            + values.getShape().get(0)
                            + " rows");
        }
        return Optional.of(new TeacherWordEmbeddings(tokens, values.toFloatArray(), dimension));
    }

    /** The error when a stage needs the embeddings of a teacher that has none. */
    public static IllegalArgumentException missing(Path teacherFolder) {
        return new IllegalArgumentException(
                "the teacher in "
                        + teacherFolder
                        + " has no word-embedding matrix (a parameter named …"
                        + WORD_EMBEDDINGS_SUFFIX
                        + "): word replacement and teacher-initialised student embeddings need one;"
                        + " set augmentation.replaceProbability=0 and student.embeddings=random");
    }

    /**
     * The search for a word's {@code topK} nearest words in this matrix, by cosine similarity,
     * case-insensitive (the teachers here are uncased): the word replacements of augmentation.
     */
    public CosineNeighbours neighbourSearch(int topK) {
        return CosineNeighbours.builder()
                .setVocabulary(tokens)
                .setEmbeddings(rows())
                .optTopK(topK)
                .optLowerCase(true)
                .build();
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

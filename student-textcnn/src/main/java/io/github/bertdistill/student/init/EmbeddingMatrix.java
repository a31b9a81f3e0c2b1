package io.github.bertdistill.student.init;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * An initial embedding matrix, row-major {@code [rows, cols]}: row {@code i} is the vector of token
 * id {@code i}.
 *
 * @param rows the vocabulary size
 * @param cols the embedding width
 * @param values {@code rows × cols} values, row-major (not copied)
 * @param matchedRows how many rows came from the source (teacher matrix or word vectors) rather
 *     than from the random fallback
 */
public record EmbeddingMatrix(int rows, int cols, float[] values, int matchedRows) {

    /** Validates the size. */
    public EmbeddingMatrix {
        checkArgument(rows >= 1 && cols >= 1, "empty matrix %sx%s", rows, cols);
        checkArgument(
                values.length == (long) rows * cols,
                "%s values for a %sx%s matrix",
                values.length,
                rows,
                cols);
    }

    /** A copy of row {@code i}. */
    public float[] row(int i) {
        float[] row = new float[cols];
        System.arraycopy(values, i * cols, row, 0, cols);
        return row;
    }

    /** The standard deviation of all values (the zero {@code [PAD]} row included). */
    public double std() {
        double sum = 0;
        double sumSquares = 0;
        for (float v : values) {
            sum += v;
            sumSquares += (double) v * v;
        }
        double mean = sum / values.length;
        return Math.sqrt(Math.max(0, sumSquares / values.length - mean * mean));
    }

    /**
     * This matrix multiplied by one factor so that its {@link #std()} is {@code target}: the rows
     * keep their directions and relative lengths, only the scale changes. Pre-trained word vectors
     * come in very different scales (GloVe 6B's values have a standard deviation of about 0.54, the
     * teacher's embeddings reduced by PCA about 0.1), and a student trained with Adam at a fixed
     * learning rate moves large values relatively less.
     *
     * @throws IllegalArgumentException if {@code target} is not positive or the matrix is all zero
     */
    public EmbeddingMatrix scaledToStd(double target) {
        checkArgument(target > 0, "the target standard deviation must be > 0, got %s", target);
        double std = std();
        checkArgument(std > 0, "an all-zero matrix cannot be scaled");
        float factor = (float) (target / std);
        float[] scaled = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = values[i] * factor;
        }
        return new EmbeddingMatrix(rows, cols, scaled, matchedRows);
    }

    /** The share of rows taken from the source, in [0, 1]. */
    public double coverage() {
        return matchedRows / (double) rows;
    }
}

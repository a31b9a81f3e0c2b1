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

    /** The share of rows taken from the source, in [0, 1]. */
    public double coverage() {
        return matchedRows / (double) rows;
    }
}

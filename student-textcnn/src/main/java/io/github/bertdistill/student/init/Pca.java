package io.github.bertdistill.student.init;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Principal component analysis of a set of row vectors, computed in Java.
 *
 * <p>With rows {@code x_1..x_N ∈ R^d}, mean {@code μ = (1/N) Σ x_i} and covariance {@code C = (1/N)
 * Σ (x_i − μ)(x_i − μ)ᵀ}, the top {@code k} eigenvectors {@code v_1..v_k} of {@code C} ({@link
 * SymmetricEigen}) span the {@code k}-dimensional subspace that keeps the most variance; a row is
 * projected as {@code y_j = (x − μ)·v_j}. Projecting a teacher's {@code d}-wide embeddings this way
 * gives a {@code k}-wide student initialisation that preserves their geometry as well as any linear
 * map can (Eckart–Young).
 */
public final class Pca {
    private final double[] mean;
    private final double[][] components;
    private final double[] variances;

    private Pca(double[] mean, double[][] components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /**
     * Fits {@code k} components to the rows of a row-major {@code [rows, d]} matrix, using only the
     * rows listed in {@code selected} (all rows when {@code null}).
     */
    public static Pca fit(float[] matrix, int d, int[] selected, int k) {
        checkArgument(d >= 1 && matrix.length % d == 0, "matrix is not [rows, %s]", d);
        checkArgument(k >= 1 && k <= d, "k must be in [1, %s], got %s", d, k);
        int total = matrix.length / d;
        int[] rows = selected;
        if (rows == null) {
            rows = new int[total];
            for (int i = 0; i < total; i++) {
                rows[i] = i;
            }
        }
        checkArgument(rows.length >= 1, "no rows to fit");
        double[] mean = new double[d];
        for (int r : rows) {
            int offset = r * d;
            for (int j = 0; j < d; j++) {
                mean[j] += matrix[offset + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        double[][] cov = new double[d][d];
        double[] centred = new double[d];
        for (int r : rows) {
            int offset = r * d;
            for (int j = 0; j < d; j++) {
                centred[j] = matrix[offset + j] - mean[j];
            }
            for (int i = 0; i < d; i++) {
                double ci = centred[i];
                if (ci == 0) {
                    continue;
                }
                double[] row = cov[i];
                for (int j = i; j < d; j++) {
                    row[j] += ci * centred[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= rows.length;
                cov[j][i] = cov[i][j];
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(cov);
        double[][] components = new double[k][];
        double[] variances = new double[k];
        for (int c = 0; c < k; c++) {
            components[c] = eigen.vector(c);
            variances[c] = Math.max(0, eigen.value(c));
        }
        return new Pca(mean, components, variances);
    }

    /** Input width {@code d}. */
    public int inputSize() {
        return mean.length;
    }

    /** Output width {@code k}. */
    public int outputSize() {
        return components.length;
    }

    /** The mean that is subtracted before projecting (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Component {@code c}, a unit vector (a copy). */
    public double[] component(int c) {
        return components[c].clone();
    }

    /** Variance along component {@code c} (its eigenvalue), decreasing in {@code c}. */
    public double variance(int c) {
        return variances[c];
    }

    /** Projects {@code x} ({@code d} values from {@code offset}) into {@code out} ({@code k}). */
    public void project(float[] x, int offset, float[] out, int outOffset) {
        int d = mean.length;
        for (int c = 0; c < components.length; c++) {
            double[] v = components[c];
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += (x[offset + j] - mean[j]) * v[j];
            }
            out[outOffset + c] = (float) sum;
        }
    }
}

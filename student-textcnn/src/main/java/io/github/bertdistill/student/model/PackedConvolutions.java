package io.github.bertdistill.student.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/**
 * A TextCNN's convolutions, max-pooling and output layer for one text, as one gather and one matrix
 * product in the engine and a few loops in Java: the single-text form of {@link TextCnnBlock}'s
 * forward pass, which gives the same logits (to float rounding) in well under the time.
 *
 * <p><b>Why.</b> At batch 1 PyTorch runs a {@code Conv1d} through its generic path (an im2col copy
 * and a small matrix product per kernel width; oneDNN only takes batches of two or more or long
 * inputs), and every engine call costs microseconds: the convolutions, their masks and maxima and
 * the output layer were about 15 calls and most of a student's latency.
 *
 * <p><b>How.</b> Let {@code W} be the widest kernel, {@code C} the channels and {@code
 * x_0..x_{L−1}} the embedded text (with the LSTM states, if any). Row {@code t} of the window
 * matrix {@code U ∈ R^{T×W·C}} is {@code [x_t; …; x_{t+W−1}]}, positions past the end reading
 * {@code x_{L−1}}; the packed weights {@code P ∈ R^{W·C×ΣF}} hold filter {@code j} of width {@code
 * h} in column {@code (h, j)}, its slice {@code k < h} in rows {@code k·C..k·C+C−1} and zeros
 * below. So {@code (U·P)[t, (h, j)] = w_j · x_{t:t+h−1}} for every window {@code t ≤ n − h} inside
 * the text's {@code n} tokens, and the pooled feature is {@code ĉ_j = ReLU(b_j + max_{t ≤ max(n−h,
 * 0)} (U·P)[t, (h, j)])}: the windows, the padding rule and the ReLU of the batched path, in the
 * same order. Reading {@code x_{L−1}} past the end only ever meets a zero weight or a window that
 * is not kept. The product costs {@code W / mean(h)} times the convolutions' multiply-adds (1.25
 * for widths 3, 4, 5), in one product of a shape the engine runs fast. The logits {@code z = V·[ĉ;
 * s] + c} ({@code s} the attention pooling, if any) are then {@code classes × features}
 * multiply-adds, done in Java.
 *
 * <p>Built from the block's parameters as they are, on their manager; {@link TextCnnBlock} drops it
 * whenever they may change.
 */
final class PackedConvolutions implements AutoCloseable {
    private final int[] widths;
    private final int filters;
    private final int widest;
    private final int narrowest;
    private final int channels;
    private final NDArray packed;
    private final float[] biases;
    private final float[] outputWeights;
    private final float[] outputBias;
    private final int featureCount;

    /**
     * @param widths the kernel widths, in the block's order
     * @param convWeights each width's weights, {@code [F, C, h]}, and {@code convBiases} its biases
     * @param outputWeight the output layer's weights {@code [classes, features]} and {@code
     *     outputBias} its biases
     */
    PackedConvolutions(
            int[] widths,
            NDArray[] convWeights,
            NDArray[] convBiases,
            NDArray outputWeight,
            NDArray outputBias) {
        this.widths = widths.clone();
        this.filters = Math.toIntExact(convWeights[0].getShape().get(0));
        this.channels = Math.toIntExact(convWeights[0].getShape().get(1));
        this.widest = java.util.Arrays.stream(widths).max().orElseThrow();
        this.narrowest = java.util.Arrays.stream(widths).min().orElseThrow();
        int columns = widths.length * filters;
        float[] values = new float[widest * channels * columns];
        this.biases = new float[columns];
        for (int i = 0; i < widths.length; i++) {
            int h = widths[i];
            float[] w = convWeights[i].toFloatArray(); // [F, C, h]
            float[] b = convBiases[i].toFloatArray();
            for (int j = 0; j < filters; j++) {
                int column = i * filters + j;
                biases[column] = b[j];
                for (int c = 0; c < channels; c++) {
                    for (int k = 0; k < h; k++) {
                        values[(k * channels + c) * columns + column] =
                                w[(j * channels + c) * h + k];
                    }
                }
            }
        }
        NDManager manager = convWeights[0].getManager();
        this.packed = manager.create(values, new Shape((long) widest * channels, columns));
        this.outputWeights = outputWeight.toFloatArray();
        this.outputBias = outputBias.toFloatArray();
        this.featureCount = Math.toIntExact(outputWeight.getShape().get(1));
    }

    /**
     * The logits of one text, {@code [1, classes]}, and with {@code withFeatures} its features
     * {@code [1, features]} second.
     *
     * @param x the embedded text {@code [1, L, C]}, zero at padding positions, {@code L} at least
     *     the widest kernel
     * @param tokens its real tokens {@code n}, the first {@code n} positions
     * @param attended the attention pooling {@code [1, A]}, or null without it
     */
    NDList forward(NDArray x, int tokens, NDArray attended, boolean withFeatures) {
        NDManager manager = x.getManager();
        int length = Math.toIntExact(x.getShape().get(1));
        int windows = Math.max(tokens - narrowest + 1, 1);
        NDArray rows = x.reshape(length, channels);
        NDArray windowed;
        if (widest == 1 && windows == length) {
            windowed = rows;
        } else {
            long[] positions = new long[windows * widest];
            for (int t = 0; t < windows; t++) {
                for (int k = 0; k < widest; k++) {
                    positions[t * widest + k] = Math.min(t + k, length - 1);
                }
            }
            // an embedding lookup with the text as the table: PyTorch's index_select, many times
            // faster than indexing with an array
            NDArray gathered =
                    Embedding.embedding(manager.create(positions), rows, SparseFormat.DENSE).head();
            windowed = gathered.reshape(windows, widest * channels);
        }
        float[] responses = windowed.matMul(packed).toFloatArray(); // [windows, ΣF]
        int columns = biases.length;
        float[] features = new float[featureCount];
        for (int i = 0; i < widths.length; i++) {
            int last = Math.max(tokens - widths[i], 0);
            for (int j = i * filters; j < (i + 1) * filters; j++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int t = 0; t <= last; t++) {
                    max = Math.max(max, responses[t * columns + j]);
                }
                features[j] = Math.max(max + biases[j], 0f);
            }
        }
        if (attended != null) {
            float[] pooled = attended.toFloatArray();
            System.arraycopy(pooled, 0, features, columns, pooled.length);
        }
        float[] logits = new float[outputBias.length];
        for (int k = 0; k < logits.length; k++) {
            float sum = outputBias[k];
            for (int j = 0; j < featureCount; j++) {
                sum += outputWeights[k * featureCount + j] * features[j];
            }
            logits[k] = sum;
        }
        NDArray logitArray = manager.create(logits, new Shape(1, logits.length));
        return withFeatures
                ? new NDList(logitArray, manager.create(features, new Shape(1, featureCount)))
                : new NDList(logitArray);
    }

    @Override
    public void close() {
        packed.close();
    }
}

package io.github.bertdistill.student.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.Arrays;

/**
 * A TextCNN's convolutions, max-pooling and output layer for one text, as one gather and one matrix
 * product per kernel width in the engine and a few loops in Java: the single-text form of {@link
 * TextCnnBlock}'s forward pass, which gives the same logits (to float rounding) in less time.
 *
 * <p><b>Why.</b> At batch 1 PyTorch runs a {@code Conv1d} through its generic path (an im2col copy
 * and a small matrix product per kernel width; oneDNN only takes batches of two or more or long
 * inputs), and every engine call costs microseconds: the convolutions, their masks and maxima and
 * the output layer were about 15 calls and most of a student's latency.
 *
 * <p><b>How.</b> Let {@code W} be the widest kernel, {@code C} the channels and {@code
 * x_0..x_{L−1}} the embedded text (with the LSTM states, if any). Row {@code t} of the window
 * matrix {@code U ∈ R^{T×W·C}} is {@code [x_t; …; x_{t+W−1}]}, gathered in one lookup, positions
 * past the end reading {@code x_{L−1}}. Width {@code h}'s filters, packed as {@code P_h ∈
 * R^{h·C×F}} (slice {@code k} of filter {@code j} in rows {@code k·C..k·C+C−1} of column {@code
 * j}), meet the first {@code h·C} columns of {@code U} in the rows of the windows kept, {@code t ≤
 * max(n − h, 0)} for a text of {@code n} tokens: {@code (U·P_h)[t, j] = w_j · x_{t:t+h−1}}, the
 * convolution's multiply-adds and no more, in a product of a shape the engine runs fast. The pooled
 * feature is {@code ĉ_j = ReLU(b_j + max_t (U·P_h)[t, j])}: the windows, the padding rule and the
 * ReLU of the batched path (a text shorter than {@code h} keeps {@code t = 0}, its tokens then zero
 * vectors); the positions past the end are never read by a kept window. The logits {@code z = V·[ĉ;
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
    private final NDArray[] packed;
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
        this.widest = Arrays.stream(widths).max().orElseThrow();
        this.narrowest = Arrays.stream(widths).min().orElseThrow();
        this.packed = new NDArray[widths.length];
        this.biases = new float[widths.length * filters];
        NDManager manager = convWeights[0].getManager();
        for (int i = 0; i < widths.length; i++) {
            int h = widths[i];
            float[] w = convWeights[i].toFloatArray(); // [F, C, h]
            float[] p = new float[h * channels * filters]; // [h·C, F]
            for (int j = 0; j < filters; j++) {
                for (int c = 0; c < channels; c++) {
                    for (int k = 0; k < h; k++) {
                        p[(k * channels + c) * filters + j] = w[(j * channels + c) * h + k];
                    }
                }
            }
            packed[i] = manager.create(p, new Shape((long) h * channels, filters));
            System.arraycopy(convBiases[i].toFloatArray(), 0, biases, i * filters, filters);
        }
        this.outputWeights = outputWeight.toFloatArray();
        this.outputBias = outputBias.toFloatArray();
        this.featureCount = Math.toIntExact(outputWeight.getShape().get(1));
    }

    /**
     * A text's raw logits and the features the output layer read.
     *
     * @param logits {@code z}, one per class
     * @param features {@code [ĉ; s]}
     */
    record Outputs(float[] logits, float[] features) {}

    /**
     * The logits and features of one text.
     *
     * @param x the embedded text {@code [1, L, C]}, zero at padding positions, {@code L} at least
     *     the widest kernel
     * @param tokens its real tokens {@code n}, the first {@code n} positions
     * @param attended the attention pooling {@code [1, A]}, or null without it
     */
    Outputs forward(NDArray x, int tokens, NDArray attended) {
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
            // an embedding lookup with the text as the table: PyTorch's index_select, many
            // times faster than indexing with an array
            NDArray gathered =
                    Embedding.embedding(manager.create(positions), rows, SparseFormat.DENSE).head();
            windowed = gathered.reshape(windows, widest * channels);
        }
        float[] features = new float[featureCount];
        for (int i = 0; i < widths.length; i++) {
            int h = widths[i];
            int last = Math.max(tokens - h, 0); // the windows kept: t ≤ last
            NDArray input =
                    h == widest && last + 1 == windows
                            ? windowed
                            : windowed.get(
                                    new NDIndex()
                                            .addSliceDim(0, last + 1)
                                            .addSliceDim(0, h * channels));
            float[] responses = input.matMul(packed[i]).toFloatArray(); // [last + 1, F]
            int offset = i * filters;
            System.arraycopy(responses, 0, features, offset, filters);
            for (int t = 1; t <= last; t++) { // row by row: sequential reads
                for (int j = 0; j < filters; j++) {
                    features[offset + j] =
                            Math.max(features[offset + j], responses[t * filters + j]);
                }
            }
            for (int j = offset; j < offset + filters; j++) {
                features[j] = Math.max(features[j] + biases[j], 0f);
            }
        }
        if (attended != null) {
            float[] pooled = attended.toFloatArray();
            System.arraycopy(pooled, 0, features, biases.length, pooled.length);
        }
        float[] logits = new float[outputBias.length];
        for (int k = 0; k < logits.length; k++) {
            float sum = outputBias[k];
            for (int j = 0; j < featureCount; j++) {
                sum += outputWeights[k * featureCount + j] * features[j];
            }
            logits[k] = sum;
        }
        return new Outputs(logits, features);
    }

    @Override
    public void close() {
        for (NDArray array : packed) {
            array.close();
        }
    }
}

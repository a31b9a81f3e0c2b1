package io.github.bertdistill.student.onnx;

import ai.djl.nn.Parameter;
import com.google.common.primitives.Floats;
import io.github.bertdistill.core.onnx.OnnxGraph;
import io.github.bertdistill.core.onnx.OnnxGraph.ElementType;
import io.github.bertdistill.student.model.TextCnnBlock;
import io.github.bertdistill.student.model.TextCnnClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ONNX graph of a TextCNN student: the inference forward of {@link TextCnnBlock} in standard
 * ONNX operators (opset 17), so that the student runs wherever ONNX Runtime does.
 *
 * <p>Inputs {@code input_ids} and {@code attention_mask} (int64 {@code [batch, sequence]}, both
 * axes dynamic, real tokens first); output {@code logits} ({@code [batch, classes]}). The graph
 * reads the first {@code maxLength} positions, as the student's encoder truncates, so a longer
 * input gets the logits the JVM gives its text. For a text of {@code n} real tokens:
 *
 * <pre>
 * x = embedding[ids] · mask                      (both channels when multichannel, concatenated)
 * x = [x; LSTM_bidirectional(x, n) · mask]       with an LSTM layer: ONNX's LSTM, sequence_lens n
 * c = Conv1d_h(pad_right(x, widest − 1))        per kernel width h, no padding of its own
 * ĉ = max_t (c_t + (t ≤ max(n − h, 0) ? 0 : −∞)) the windows inside the text (one when n &lt; h)
 * s = Σ_t softmax_t(q · tanh(A·x_t + a) + (t &lt; max(n, 1) ? 0 : −∞)) · x_t   with attention pooling
 * z = W · [ReLU(concat ĉ); s] + b                 (without attention pooling W · ReLU(concat ĉ) + b)
 * </pre>
 *
 * <p>The right padding by {@code widest − 1} zero vectors lets any length run, shorter than the
 * widest kernel included (the JVM's encoder pads such batches itself instead); the window mask
 * keeps exactly the windows the DJL block keeps, so the two agree on any input, and an all-padding
 * row gets the logits of an all-zero input as in the block. ONNX's bidirectional {@code LSTM} with
 * {@code sequence_lens} reads each text's real tokens backwards, as the block's backward LSTM does;
 * its gates are stored in ONNX's order (i, o, f, c), reordered from PyTorch's (i, f, g, o).
 */
public final class TextCnnOnnxGraph {
    private final OnnxGraph graph = OnnxGraph.named("bert-distill student");
    private final Map<String, Parameter> parameters;
    private String zero;
    private String keptWindow;
    private String droppedWindow;

    private TextCnnOnnxGraph(TextCnnBlock block) {
        this.parameters = block.namedParameters();
    }

    /** The graph of {@code student}'s current weights. */
    public static OnnxGraph of(TextCnnClassifier student) {
        return of(student.block());
    }

    /** The graph of an initialised block's current weights. */
    public static OnnxGraph of(TextCnnBlock block) {
        TextCnnOnnxGraph writer = new TextCnnOnnxGraph(block);
        writer.write(block);
        return writer.graph;
    }

    private void write(TextCnnBlock block) {
        int[] widths = block.config().kernelWidths();
        int widest = block.config().widestKernel();
        String sequenceAxis = graph.longs("sequence_axis", 1);
        List<String> firstTokens =
                List.of(
                        graph.longs("first_token", 0),
                        graph.longs("max_length", block.config().maxLength()),
                        sequenceAxis);
        String ids =
                firstTokens(
                        graph.input("input_ids", ElementType.INT64, "batch", "sequence"),
                        firstTokens);
        String mask =
                firstTokens(
                        graph.input("attention_mask", ElementType.INT64, "batch", "sequence"),
                        firstTokens);
        zero = graph.longScalar("zero", 0);
        keptWindow = graph.floatScalar("kept_window", 0f);
        droppedWindow = graph.floatScalar("dropped_window", Float.NEGATIVE_INFINITY);
        String floatMask =
                graph.node("Cast", List.of(mask), Map.of("to", ElementType.FLOAT.code()));
        String tokenMask = graph.node("Unsqueeze", List.of(floatMask, graph.longs("last_axis", 2)));
        String x = embed("embedding.weight", ids, tokenMask);
        if (parameters.containsKey("embedding_static.weight")) {
            x =
                    graph.node(
                            "Concat",
                            List.of(x, embed("embedding_static.weight", ids, tokenMask)),
                            Map.of("axis", 2L));
        }
        String lengths =
                graph.node("ReduceSum", List.of(mask, sequenceAxis), Map.of("keepdims", 1L));
        int hidden = block.config().lstmSize();
        if (hidden > 0) {
            x = withLstmStates(x, lengths, tokenMask, hidden, block.embeddingChannels());
        }
        String channelsFirst = transpose(x, 0, 2, 1);
        String padded =
                graph.node(
                        "Pad",
                        List.of(
                                channelsFirst,
                                graph.longs("right_padding", 0, 0, 0, 0, 0, widest - 1)));
        String windowIndex = positions(padded, 2);
        List<String> pooled = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            String prefix = "convs." + i;
            String features =
                    graph.node(
                            "Conv",
                            List.of(
                                    padded,
                                    weights(prefix + ".weight"),
                                    weights(prefix + ".bias")));
            String masked =
                    graph.node(
                            "Add",
                            List.of(
                                    features,
                                    windowMask(
                                            lengths,
                                            windowIndex,
                                            widths[i],
                                            "width_" + widths[i])));
            pooled.add(
                    graph.node(
                            "ReduceMax",
                            List.of(masked),
                            Map.of("axes", new long[] {2}, "keepdims", 0L)));
        }
        String maxPooled =
                pooled.size() == 1
                        ? pooled.get(0)
                        : graph.node("Concat", pooled, Map.of("axis", 1L));
        String features = graph.node("Relu", List.of(maxPooled));
        if (block.config().attentionSize() > 0) {
            features =
                    graph.node(
                            "Concat",
                            List.of(features, attentionPooling(x, lengths)),
                            Map.of("axis", 1L));
        }
        String logits =
                graph.node(
                        "Gemm",
                        List.of(features, weights("classifier.weight"), weights("classifier.bias")),
                        Map.of("transB", 1L));
        graph.output(logits, "logits", ElementType.FLOAT, "batch", block.numClasses());
    }

    /** {@code table[ids] · mask}: {@code [batch, sequence, width]}, zero at padding. */
    /** The first {@code maxLength} positions of {@code input}, as the encoder truncates. */
    private String firstTokens(String input, List<String> startEndAxis) {
        List<String> inputs = new ArrayList<>();
        inputs.add(input);
        inputs.addAll(startEndAxis);
        return graph.node("Slice", inputs);
    }

    private String embed(String table, String ids, String tokenMask) {
        String rows = graph.node("Gather", List.of(weights(table), ids), Map.of("axis", 0L));
        return graph.node("Mul", List.of(rows, tokenMask));
    }

    /**
     * {@code [x; →h; ←h]}, {@code [batch, sequence, e + 2H]}: a bidirectional LSTM over each text's
     * {@code n} real tokens (at least one, so that an all-padding row runs; its states are masked
     * away), zero at padding.
     */
    private String withLstmStates(
            String x, String lengths, String tokenMask, int hidden, int inputs) {
        String timeMajor = transpose(x, 1, 0, 2);
        String sequenceLengths =
                graph.node(
                        "Cast",
                        List.of(
                                graph.node(
                                        "Max",
                                        List.of(
                                                graph.node(
                                                        "Squeeze",
                                                        List.of(
                                                                lengths,
                                                                graph.longs("lengths_axis", 1))),
                                                graph.longScalar("one_token", 1)))),
                        Map.of("to", ElementType.INT32.code()));
        String states =
                graph.node(
                        "LSTM",
                        List.of(
                                timeMajor,
                                graph.weights(
                                        "lstm.W",
                                        Floats.concat(
                                                onnxGates("lstm.weight_ih_l0"),
                                                onnxGates("lstm.weight_ih_l0_reverse")),
                                        2,
                                        4L * hidden,
                                        inputs),
                                graph.weights(
                                        "lstm.R",
                                        Floats.concat(
                                                onnxGates("lstm.weight_hh_l0"),
                                                onnxGates("lstm.weight_hh_l0_reverse")),
                                        2,
                                        4L * hidden,
                                        hidden),
                                graph.weights(
                                        "lstm.B",
                                        Floats.concat(
                                                onnxGates("lstm.bias_ih_l0"),
                                                onnxGates("lstm.bias_hh_l0"),
                                                onnxGates("lstm.bias_ih_l0_reverse"),
                                                onnxGates("lstm.bias_hh_l0_reverse")),
                                        2,
                                        8L * hidden),
                                sequenceLengths),
                        Map.of("hidden_size", (long) hidden, "direction", "bidirectional"));
        // Y is [sequence, directions, batch, H]; to [batch, sequence, 2H]
        String batchMajor = transpose(states, 2, 0, 1, 3);
        String context =
                graph.node(
                        "Reshape",
                        List.of(batchMajor, graph.longs("lstm_states_shape", 0, 0, 2L * hidden)));
        return graph.node(
                "Concat",
                List.of(x, graph.node("Mul", List.of(context, tokenMask))),
                Map.of("axis", 2L));
    }

    /**
     * {@code Σ_t a_t·y_t}, {@code [batch, channels]}, with {@code a = softmax_t(q · tanh(W·y_t +
     * b))} over the first {@code max(n, 1)} positions.
     */
    private String attentionPooling(String y, String lengths) {
        String projected =
                graph.node("MatMul", List.of(y, transpose(weights("attention.weight"), 1, 0)));
        String hidden =
                graph.node(
                        "Tanh",
                        List.of(graph.node("Add", List.of(projected, weights("attention.bias")))));
        String scores =
                graph.node(
                        "Unsqueeze",
                        List.of(
                                graph.node("MatMul", List.of(hidden, weights("attention.query"))),
                                graph.longs("attention_score_axis", 1)));
        // the positions a width-1 window keeps, t ≤ max(n − 1, 0): the first max(n, 1)
        String masked =
                graph.node(
                        "Add",
                        List.of(scores, windowMask(lengths, positions(y, 1), 1, "attention")));
        String weights = graph.node("Softmax", List.of(masked), Map.of("axis", 2L));
        return graph.node(
                "Squeeze",
                List.of(
                        graph.node("MatMul", List.of(weights, y)),
                        graph.longs("attention_pooled_axis", 1)));
    }

    private String transpose(String x, long... perm) {
        return graph.node("Transpose", List.of(x), Map.of("perm", perm));
    }

    /** A PyTorch LSTM tensor's four gate blocks (i, f, g, o) in ONNX's order (i, o, f, c). */
    private float[] onnxGates(String name) {
        float[] values = parameters.get(name).getArray().toFloatArray();
        int block = values.length / 4;
        float[] reordered = new float[values.length];
        int[] pytorchGate = {0, 3, 1, 2};
        for (int gate = 0; gate < 4; gate++) {
            System.arraycopy(values, pytorchGate[gate] * block, reordered, gate * block, block);
        }
        return reordered;
    }

    /**
     * Positions {@code 0 … length − 1} along {@code axis} of {@code x}, as int64 {@code [length]}.
     */
    private String positions(String x, long axis) {
        String length =
                graph.node(
                        "Gather",
                        List.of(
                                graph.node("Shape", List.of(x)),
                                graph.longScalar("length_axis_" + axis, axis)),
                        Map.of("axis", 0L));
        return graph.node(
                "Range",
                List.of(
                        graph.longScalar("first_position_" + axis, 0),
                        length,
                        graph.longScalar("position_step_" + axis, 1)));
    }

    /**
     * {@code [batch, 1, windows]}: 0 where window {@code t ≤ max(n − h, 0)}, −∞ elsewhere. The
     * padded input of length {@code P = L + widest − 1} has {@code P − h + 1} windows: the first
     * that many positions. {@code name} prefixes the mask's constants.
     */
    private String windowMask(String lengths, String positions, int width, String name) {
        String last =
                graph.node(
                        "Max",
                        List.of(
                                graph.node("Sub", List.of(lengths, graph.longScalar(name, width))),
                                zero));
        String windows =
                graph.node(
                        "Slice",
                        List.of(
                                positions,
                                graph.longs(name + "_first_window", 0),
                                graph.longs(
                                        name + "_windows_end",
                                        width > 1 ? -(width - 1) : Long.MAX_VALUE)));
        String kept = graph.node("LessOrEqual", List.of(windows, last));
        String additive = graph.node("Where", List.of(kept, keptWindow, droppedWindow));
        return graph.node("Unsqueeze", List.of(additive, graph.longs(name + "_axis", 1)));
    }

    private String weights(String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new IllegalStateException("the student has no parameter " + name);
        }
        return graph.weights(name, parameter.getArray());
    }
}

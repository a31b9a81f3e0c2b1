package io.github.bertdistill.teacher.onnx;

import ai.djl.nn.Parameter;
import io.github.bertdistill.core.onnx.OnnxGraph;
import io.github.bertdistill.core.onnx.OnnxGraph.ElementType;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.Pooling;
import java.util.List;
import java.util.Map;

/**
 * The ONNX graph of a {@link BertClassifier}: the same forward pass as {@code BertClassifierBlock}
 * at inference (no dropout), written with standard ONNX operators, so that ONNX Runtime can label a
 * transfer set with the project's own fine-tuned teacher.
 *
 * <p>Inputs {@code input_ids}, {@code attention_mask} and {@code token_type_ids} (int64 {@code
 * [batch, sequence]}, both axes dynamic); outputs {@code logits} ({@code [batch, classes]}) and
 * {@code pooled} (the sentence vector the head reads, {@code [batch, hidden]}), the inputs and
 * outputs {@link OnnxClassifier} reads. Per layer, on token states flattened to {@code [batch ·
 * sequence, hidden]}:
 *
 * <pre>
 * A = softmax((Q/√d) Kᵀ + mask) V,   a = LayerNorm(x + A W_o + b_o)
 * y = LayerNorm(a + gelu(a W_1 + b_1) W_2 + b_2),   gelu(x) = x · ½ (1 + erf(x / √2))
 * </pre>
 *
 * with each dense layer one {@code Gemm} over the weight as Hugging Face stores it ({@code [out,
 * in]}, {@code transB = 1}), {@code LayerNormalization} (opset 17) over the last axis, and the
 * additive mask {@code (mask − 1) · Float.MAX_VALUE} of the DJL forward. The GELU is written in the
 * form ONNX Runtime fuses into one kernel. Weights keep their Hugging Face names ({@code
 * bert.encoder.layer.0.attention.self.query.weight}, …).
 */
public final class BertOnnxGraph {
    private final OnnxGraph graph = OnnxGraph.named("bert-distill teacher");
    private final Map<String, Parameter> parameters;
    private final BertConfig config;
    private String tokensByHidden;
    private String sqrtTwo;
    private String one;
    private String half;

    private BertOnnxGraph(BertClassifier classifier) {
        this.parameters = classifier.bertBlock().hfParameters();
        this.config = classifier.config();
    }

    /** The graph of {@code classifier}'s current weights. */
    public static OnnxGraph of(BertClassifier classifier) {
        BertOnnxGraph writer = new BertOnnxGraph(classifier);
        writer.write(classifier.bertBlock().pooling(), classifier.labels().size());
        return writer.graph;
    }

    private void write(Pooling pooling, int classes) {
        String ids = graph.input("input_ids", ElementType.INT64, "batch", "sequence");
        String mask = graph.input("attention_mask", ElementType.INT64, "batch", "sequence");
        String types = graph.input("token_type_ids", ElementType.INT64, "batch", "sequence");
        String shape = graph.node("Shape", List.of(ids));
        String floatMask =
                graph.node("Cast", List.of(mask), Map.of("to", ElementType.FLOAT.code()));

        tokensByHidden = graph.longs("tokens_by_hidden", -1, hidden());
        sqrtTwo = graph.floatScalar("sqrt_two", (float) Math.sqrt(2));
        one = graph.floatScalar("one", 1f);
        half = graph.floatScalar("half", 0.5f);

        String x = layerNorm(embeddings(ids, types, shape), "bert.embeddings.LayerNorm");
        String flat = graph.node("Reshape", List.of(x, tokensByHidden));
        String additiveMask = additiveMask(floatMask);
        String headsShape =
                graph.node(
                        "Concat",
                        List.of(
                                shape,
                                graph.longs(
                                        "heads_and_size",
                                        config.numAttentionHeads(),
                                        config.headSize())),
                        Map.of("axis", 0L));
        String scale =
                graph.floatScalar("attention_scale", (float) (1 / Math.sqrt(config.headSize())));
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            flat =
                    layer(
                            "bert.encoder.layer." + layer + ".",
                            flat,
                            additiveMask,
                            headsShape,
                            scale);
        }
        String hiddenShape =
                graph.node(
                        "Concat",
                        List.of(shape, graph.longs("hidden_size", hidden())),
                        Map.of("axis", 0L));
        String states = graph.node("Reshape", List.of(flat, hiddenShape));
        String pooled = pool(pooling, states, floatMask);
        graph.output(dense(pooled, "classifier"), "logits", ElementType.FLOAT, "batch", classes);
        graph.output(pooled, OnnxClassifier.POOLED, ElementType.FLOAT, "batch", hidden());
    }

    /** {@code word[id] + position[i] + tokenType[type]}, {@code [batch, sequence, hidden]}. */
    private String embeddings(String ids, String types, String shape) {
        String length =
                graph.node(
                        "Gather",
                        List.of(shape, graph.longScalar("sequence_axis", 1)),
                        Map.of("axis", 0L));
        String positions =
                graph.node(
                        "Range",
                        List.of(
                                graph.longScalar("first_position", 0),
                                length,
                                graph.longScalar("position_step", 1)));
        String words = lookup("bert.embeddings.word_embeddings.weight", ids);
        String places = lookup("bert.embeddings.position_embeddings.weight", positions);
        String segments = lookup("bert.embeddings.token_type_embeddings.weight", types);
        return graph.node("Add", List.of(graph.node("Add", List.of(words, places)), segments));
    }

    /** {@code [batch, 1, 1, sequence]}: 0 on real tokens, the most negative float on padding. */
    private String additiveMask(String floatMask) {
        String shifted = graph.node("Sub", List.of(floatMask, one));
        String scaled =
                graph.node(
                        "Mul", List.of(shifted, graph.floatScalar("mask_scale", Float.MAX_VALUE)));
        return graph.node("Unsqueeze", List.of(scaled, graph.longs("mask_axes", 1, 2)));
    }

    private String layer(String prefix, String x, String mask, String headsShape, String scale) {
        String q = heads(dense(x, prefix + "attention.self.query"), headsShape, 0, 2, 1, 3);
        String kT = heads(dense(x, prefix + "attention.self.key"), headsShape, 0, 2, 3, 1);
        String v = heads(dense(x, prefix + "attention.self.value"), headsShape, 0, 2, 1, 3);
        // Scaling the product (not Q, as the DJL forward does) lets ONNX Runtime fuse it into
        // the matrix product (FusedMatMul); the two differ in rounding only.
        String product = graph.node("Mul", List.of(graph.node("MatMul", List.of(q, kT)), scale));
        String scores = graph.node("Add", List.of(product, mask));
        String weights = graph.node("Softmax", List.of(scores), Map.of("axis", -1L));
        String context =
                graph.node(
                        "Transpose",
                        List.of(graph.node("MatMul", List.of(weights, v))),
                        Map.of("perm", new long[] {0, 2, 1, 3}));
        String joined = graph.node("Reshape", List.of(context, tokensByHidden));
        String attended =
                layerNorm(
                        graph.node(
                                "Add",
                                List.of(dense(joined, prefix + "attention.output.dense"), x)),
                        prefix + "attention.output.LayerNorm");
        String inner = gelu(dense(attended, prefix + "intermediate.dense"));
        return layerNorm(
                graph.node("Add", List.of(dense(inner, prefix + "output.dense"), attended)),
                prefix + "output.LayerNorm");
    }

    /** Token states {@code [batch · sequence, hidden]} as heads, axes in {@code permutation}. */
    private String heads(String projected, String headsShape, long... permutation) {
        return graph.node(
                "Transpose",
                List.of(graph.node("Reshape", List.of(projected, headsShape))),
                Map.of("perm", permutation));
    }

    private String pool(Pooling pooling, String states, String floatMask) {
        return switch (pooling) {
            case CLS -> first(states);
            case POOLER -> graph.node("Tanh", List.of(dense(first(states), "bert.pooler.dense")));
            case MEAN -> {
                String weights =
                        graph.node("Unsqueeze", List.of(floatMask, graph.longs("token_axis", 2)));
                String axis = graph.longs("sequence_axes", 1);
                String sum =
                        graph.node(
                                "ReduceSum",
                                List.of(graph.node("Mul", List.of(states, weights)), axis),
                                Map.of("keepdims", 0L));
                String count =
                        graph.node("ReduceSum", List.of(weights, axis), Map.of("keepdims", 0L));
                yield graph.node("Div", List.of(sum, count));
            }
        };
    }

    /** The state of the first token, [CLS]: {@code [batch, hidden]}. */
    private String first(String states) {
        return graph.node(
                "Gather", List.of(states, graph.longScalar("cls_position", 0)), Map.of("axis", 1L));
    }

    /** {@code x Wᵀ + b} of the Hugging Face linear layer {@code module}. */
    private String dense(String x, String module) {
        return graph.node(
                "Gemm",
                List.of(x, weights(module + ".weight"), weights(module + ".bias")),
                Map.of("transB", 1L));
    }

    private String layerNorm(String x, String module) {
        return graph.node(
                "LayerNormalization",
                List.of(x, weights(module + ".weight"), weights(module + ".bias")),
                Map.of("axis", -1L, "epsilon", config.layerNormEps()));
    }

    /** Exact GELU, {@code ((erf(x / √2) + 1) · x) · ½}. */
    private String gelu(String x) {
        String erf = graph.node("Erf", List.of(graph.node("Div", List.of(x, sqrtTwo))));
        String plusOne = graph.node("Add", List.of(erf, one));
        return graph.node("Mul", List.of(graph.node("Mul", List.of(x, plusOne)), half));
    }

    private String lookup(String table, String indices) {
        return graph.node("Gather", List.of(weights(table), indices), Map.of("axis", 0L));
    }

    private String weights(String name) {
        Parameter parameter = parameters.get(name);
        if (parameter == null) {
            throw new IllegalStateException("the teacher has no parameter " + name);
        }
        return graph.weights(name, parameter.getArray());
    }

    private long hidden() {
        return config.hiddenSize();
    }
}

package io.github.bertdistill.core.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.common.primitives.Floats;
import com.google.common.primitives.Longs;
import com.google.protobuf.ByteString;
import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An ONNX model under construction: a graph of operator nodes from the standard {@code ai.onnx}
 * domain (opset {@value #OPSET}) over named weights ("initializers") and typed graph inputs and
 * outputs, written in ONNX's protobuf format (the message classes {@code ai.onnx.proto.OnnxMl} that
 * Oracle's Tribuo generates and publishes).
 *
 * <p>Every value in the graph is a name: {@link #input}, {@link #weights} and the constants return
 * the name to pass on, {@link #node} the name of its (single) output, made unique from the
 * operator's name. A dimension of an input or output is either a size ({@code Long} or {@code
 * Integer}) or a symbolic name such as {@code "batch"}, which makes that axis dynamic.
 *
 * <pre>{@code
 * OnnxGraph graph = OnnxGraph.named("classifier");
 * String x = graph.input("features", OnnxGraph.ElementType.FLOAT, "batch", 4);
 * String w = graph.weights("dense.weight", new float[] {...}, 3, 4);
 * String logits = graph.node("Gemm", List.of(x, w), Map.of("transB", 1L));
 * graph.output(logits, "logits", OnnxGraph.ElementType.FLOAT, "batch", 3);
 * graph.write(folder.resolve("model.onnx"));
 * }</pre>
 *
 * <p>Tribuo's own graph context is not used: it only declares two-dimensional float inputs.
 */
public final class OnnxGraph {
    /** The opset of the standard domain the graphs are written for (LayerNormalization is 17). */
    public static final int OPSET = 17;

    /** ONNX IR version 8, which ONNX Runtime 1.14 and later read. */
    private static final long IR_VERSION = 8;

    /** The element types the project's graphs use. */
    public enum ElementType {
        /** 32-bit float, ONNX {@code FLOAT}. */
        FLOAT(TensorProto.DataType.FLOAT_VALUE),
        /** 64-bit integer, ONNX {@code INT64}. */
        INT64(TensorProto.DataType.INT64_VALUE),
        /** 32-bit integer, ONNX {@code INT32} (as the recurrent operators' sequence lengths). */
        INT32(TensorProto.DataType.INT32_VALUE);

        private final int code;

        ElementType(int code) {
            this.code = code;
        }

        /** The ONNX {@code TensorProto.DataType} code, as {@code Cast}'s {@code to} takes it. */
        public long code() {
            return code;
        }
    }

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();

    private OnnxGraph(String name) {
        graph.setName(name);
    }

    /** An empty graph called {@code name}. */
    public static OnnxGraph named(String name) {
        return new OnnxGraph(Objects.requireNonNull(name, "name"));
    }

    /**
     * Declares a graph input.
     *
     * @param dimensions each a size or a symbolic axis name
     * @return {@code name}
     */
    public String input(String name, ElementType type, Object... dimensions) {
        graph.addInput(valueInfo(claim(name), type, dimensions));
        return name;
    }

    /**
     * Makes {@code value} a graph output called {@code name} (through an {@code Identity} node if
     * the names differ).
     */
    public void output(String value, String name, ElementType type, Object... dimensions) {
        String produced = value;
        if (!value.equals(name)) {
            graph.addNode(
                    NodeProto.newBuilder()
                            .setOpType("Identity")
                            .setName(claim(name))
                            .addInput(value)
                            .addOutput(name));
            produced = name;
        }
        graph.addOutput(valueInfo(produced, type, dimensions));
    }

    /** A float weight tensor of {@code shape}, stored little-endian in the model. */
    public String weights(String name, float[] values, long... shape) {
        long count = Longs.asList(shape).stream().reduce(1L, Math::multiplyExact);
        if (count != values.length) {
            throw new IllegalArgumentException(
                    name + ": " + values.length + " values for shape " + Longs.asList(shape));
        }
        ByteBuffer bytes =
                ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(name, ElementType.FLOAT, ByteString.copyFrom(bytes.array()), shape);
    }

    /** A float32 array's values and shape as a weight tensor. */
    public String weights(String name, NDArray array) {
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    name + " is " + array.getDataType() + "; ONNX export writes float32 weights");
        }
        return weights(name, array.toFloatArray(), array.getShape().getShape());
    }

    /** A one-dimensional int64 constant. */
    public String longs(String name, long... values) {
        ByteBuffer bytes =
                ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(
                name, ElementType.INT64, ByteString.copyFrom(bytes.array()), values.length);
    }

    /** A scalar (0-d) int64 constant. */
    public String longScalar(String name, long value) {
        ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(value);
        return initializer(name, ElementType.INT64, ByteString.copyFrom(bytes.array()));
    }

    /** A scalar (0-d) float constant. */
    public String floatScalar(String name, float value) {
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putFloat(value);
        return initializer(name, ElementType.FLOAT, ByteString.copyFrom(bytes.array()));
    }

    /** A node without attributes; returns the name of its output. */
    public String node(String operator, List<String> inputs) {
        return node(operator, inputs, Map.of());
    }

    /**
     * A node of the standard domain with one output.
     *
     * @param attributes values are {@code Long}/{@code Integer} (int), {@code Float}/{@code Double}
     *     (float), {@code long[]} (ints) or {@code String}
     * @return the name of the node's output
     */
    public String node(String operator, List<String> inputs, Map<String, Object> attributes) {
        String output = unique(operator);
        NodeProto.Builder node =
                NodeProto.newBuilder().setOpType(operator).setName(output).addOutput(output);
        inputs.forEach(node::addInput);
        attributes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> node.addAttribute(attribute(e.getKey(), e.getValue())));
        graph.addNode(node);
        return output;
    }

    /** The model: this graph, opset {@value #OPSET}, and who produced it. */
    public ModelProto toModel(String producer, String producerVersion) {
        return ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName(producer)
                .setProducerVersion(producerVersion)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build())
                .build();
    }

    /** Writes the model to {@code file} atomically: a kill never leaves half a model. */
    public void write(Path file, String producer, String producerVersion) throws IOException {
        ModelProto model = toModel(producer, producerVersion);
        AtomicFiles.write(file, model::writeTo);
    }

    private String initializer(String name, ElementType type, ByteString data, long... shape) {
        TensorProto.Builder tensor =
                TensorProto.newBuilder()
                        .setName(claim(name))
                        .setDataType((int) type.code())
                        .setRawData(data);
        for (long dimension : shape) {
            tensor.addDims(dimension);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private static ValueInfoProto valueInfo(String name, ElementType type, Object... dimensions) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object dimension : dimensions) {
            TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
            if (dimension instanceof String symbol) {
                d.setDimParam(symbol);
            } else if (dimension instanceof Long || dimension instanceof Integer) {
                d.setDimValue(((Number) dimension).longValue());
            } else {
                throw new IllegalArgumentException(
                        name + ": a dimension is a size or an axis name, not " + dimension);
            }
            shape.addDim(d);
        }
        TypeProto.Tensor.Builder tensor =
                TypeProto.Tensor.newBuilder().setElemType((int) type.code()).setShape(shape);
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(tensor))
                .build();
    }

    private static AttributeProto attribute(String name, Object value) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name);
        if (value instanceof Long || value instanceof Integer) {
            attribute.setType(AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            attribute
                    .setType(AttributeProto.AttributeType.FLOAT)
                    .setF(((Number) value).floatValue());
        } else if (value instanceof long[] ints) {
            attribute.setType(AttributeProto.AttributeType.INTS).addAllInts(Longs.asList(ints));
        } else if (value instanceof float[] floats) {
            attribute
                    .setType(AttributeProto.AttributeType.FLOATS)
                    .addAllFloats(Floats.asList(floats));
        } else if (value instanceof String text) {
            attribute
                    .setType(AttributeProto.AttributeType.STRING)
                    .setS(ByteString.copyFromUtf8(text));
        } else {
            throw new IllegalArgumentException("attribute " + name + ": unsupported " + value);
        }
        return attribute.build();
    }

    private String claim(String name) {
        if (!names.add(Objects.requireNonNull(name, "name"))) {
            throw new IllegalArgumentException("the graph already has a value named " + name);
        }
        return name;
    }

    private String unique(String operator) {
        String name = operator + "_" + names.size();
        while (names.contains(name)) {
            name = name + "_";
        }
        return claim(name);
    }
}

package io.github.bertdistill.teacher.weights;

import ai.djl.ndarray.types.Shape;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.github.bertdistill.core.storage.HostTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the weights of a BERT exported to ONNX by PyTorch (such as the files in the langchain4j
 * embedding jars) and gives them their Hugging Face names.
 *
 * <p>The file is parsed at the protobuf wire level, without generated ONNX classes: {@code
 * ModelProto.graph} (field 7), {@code GraphProto.node} (1) and {@code initializer} (5), {@code
 * NodeProto.input} (1), {@code name} (3), {@code op_type} (4), {@code TensorProto.dims} (1), {@code
 * data_type} (2), {@code float_data} (4), {@code name} (8), {@code raw_data} (9) and {@code
 * data_location} (14), as in {@code onnx.proto}.
 *
 * <p>Embeddings, biases and LayerNorm tensors already carry their HF names. PyTorch's exporter
 * stores each {@code nn.Linear} weight transposed, {@code [in, out]}, under a generated name
 * ({@code onnx::MatMul_787}); the {@code MatMul} node that reads it is named after the module
 * ({@code /encoder/layer.3/intermediate/dense/MatMul}), which gives the HF name ({@code
 * encoder.layer.3.intermediate.dense.weight}) and the tensor is transposed back to {@code [out,
 * in]}. Integer tensors (the {@code position_ids} buffer) are not weights and are skipped.
 */
public final class OnnxWeights {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_INPUT = 1;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_DATA_LOCATION = 14;
    private static final int FLOAT = 1;
    private static final Pattern MATMUL_NODE = Pattern.compile("^/(.+)/MatMul$");

    private OnnxWeights() {}

    /** Reads the float tensors of an ONNX file, by HF name. */
    public static Map<String, HostTensor> read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Reads the float tensors of an ONNX model from a stream (closed by the caller). */
    public static Map<String, HostTensor> read(InputStream in, String source) throws IOException {
        return read(in.readAllBytes(), source);
    }

    private static Map<String, HostTensor> read(byte[] bytes, String source) throws IOException {
        try {
            ByteString graph = graph(bytes);
            if (graph == null) {
                throw new IOException(source + " is not an ONNX model: it has no graph");
            }
            return parseGraph(graph, source);
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(
                    source + " is not a valid ONNX file (truncated or corrupt): " + e.getMessage(),
                    e);
        }
    }

    private static ByteString graph(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.enableAliasing(true);
        ByteString graph = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (isField(tag, MODEL_GRAPH)) {
                graph = in.readBytes();
            } else {
                in.skipField(tag);
            }
        }
        return graph;
    }

    private static Map<String, HostTensor> parseGraph(ByteString graph, String source)
            throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        Map<String, String> renames = new HashMap<>();
        CodedInputStream in = graph.newCodedInput();
        in.enableAliasing(true);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (isField(tag, GRAPH_NODE)) {
                readMatMulWeight(in.readBytes(), renames);
            } else if (isField(tag, GRAPH_INITIALIZER)) {
                readTensor(in.readBytes(), tensors, source);
            } else {
                in.skipField(tag);
            }
        }
        Map<String, HostTensor> named = new LinkedHashMap<>();
        tensors.forEach(
                (name, tensor) -> {
                    String hfName = renames.get(name);
                    if (hfName != null && tensor.shape().dimension() == 2) {
                        named.put(hfName, tensor.transpose());
                    } else {
                        named.put(name, tensor);
                    }
                });
        return named;
    }

    /** Records {@code weight input → HF name} for a MatMul node named after its module. */
    private static void readMatMulWeight(ByteString node, Map<String, String> renames)
            throws IOException {
        CodedInputStream in = node.newCodedInput();
        List<String> inputs = new ArrayList<>();
        String name = "";
        String opType = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(in.readStringRequireUtf8());
                case NODE_NAME -> name = in.readStringRequireUtf8();
                case NODE_OP_TYPE -> opType = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        Matcher module = MATMUL_NODE.matcher(name);
        if ("MatMul".equals(opType) && inputs.size() == 2 && module.matches()) {
            renames.put(inputs.get(1), module.group(1).replace('/', '.') + ".weight");
        }
    }

    private static void readTensor(ByteString bytes, Map<String, HostTensor> out, String source)
            throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        in.enableAliasing(true);
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteString raw = null;
        List<Float> floats = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            boolean packed = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (field == TENSOR_DIMS && packed) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    dims.add(in.readInt64());
                }
                in.popLimit(limit);
            } else if (field == TENSOR_DIMS) {
                dims.add(in.readInt64());
            } else if (field == TENSOR_DATA_TYPE) {
                dataType = in.readInt32();
            } else if (field == TENSOR_NAME) {
                name = in.readStringRequireUtf8();
            } else if (field == TENSOR_RAW_DATA) {
                raw = in.readBytes();
            } else if (field == TENSOR_FLOAT_DATA && packed) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    floats.add(in.readFloat());
                }
                in.popLimit(limit);
            } else if (field == TENSOR_DATA_LOCATION && in.readEnum() == 1) {
                throw new IOException(
                        source
                                + ": tensor "
                                + name
                                + " keeps its data outside the file;"
                                + " external ONNX data is not supported");
            } else {
                in.skipField(tag);
            }
        }
        if (dataType != FLOAT) {
            return;
        }
        Shape shape = new Shape(dims.stream().mapToLong(Long::longValue).toArray());
        float[] data = raw != null ? floatsOf(raw, shape, name, source) : unbox(floats);
        if (data.length != shape.size()) {
            throw new IOException(
                    source
                            + ": tensor "
                            + name
                            + " of shape "
                            + shape
                            + " has "
                            + data.length
                            + " values (corrupt file)");
        }
        out.put(name, new HostTensor(shape, data));
    }

    private static float[] floatsOf(ByteString raw, Shape shape, String name, String source)
            throws IOException {
        if (raw.size() != shape.size() * Float.BYTES) {
            throw new IOException(
                    source
                            + ": tensor "
                            + name
                            + " of shape "
                            + shape
                            + " has "
                            + raw.size()
                            + " bytes, expected "
                            + shape.size() * Float.BYTES
                            + " (corrupt file)");
        }
        float[] data = new float[raw.size() / Float.BYTES];
        raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return data;
    }

    private static float[] unbox(List<Float> values) {
        float[] data = new float[values.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = values.get(i);
        }
        return data;
    }

    private static boolean isField(int tag, int field) {
        return WireFormat.getTagFieldNumber(tag) == field
                && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }
}

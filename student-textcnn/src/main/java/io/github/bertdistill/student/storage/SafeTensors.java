package io.github.bertdistill.student.storage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A minimal reader and writer of float32 <a
 * href="https://github.com/huggingface/safetensors">safetensors</a> files, the weight format of
 * Hugging Face: an 8-byte little-endian header length {@code N}, {@code N} bytes of JSON {@code
 * {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}}
 * (padded with spaces to a multiple of 8), then the raw little-endian tensor data, offsets relative
 * to the end of the header.
 *
 * <p>Written in Java (not through the engine) so that files are byte-for-byte reproducible and
 * every malformed file gives a clear {@link IOException} instead of a native error.
 */
public final class SafeTensors {
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {}

    /**
     * A float32 tensor.
     *
     * @param shape its dimensions
     * @param data its values, row-major (not copied)
     */
    public record Tensor(long[] shape, float[] data) {
        /** Validates that the data fills the shape. */
        public Tensor {
            long size = 1;
            for (long dim : shape) {
                if (dim < 0) {
                    throw new IllegalArgumentException(
                            "negative dimension in " + Arrays.toString(shape));
                }
                size *= dim;
            }
            if (size != data.length) {
                throw new IllegalArgumentException(
                        data.length + " values for shape " + Arrays.toString(shape));
            }
        }
    }

    /** Writes {@code tensors} (in map order) to {@code out}; {@code metadata} may be empty. */
    public static void write(
            OutputStream out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add("__metadata__", meta);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long dim : e.getValue().shape()) {
                shape.add(dim);
            }
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            long end = offset + 4L * e.getValue().data().length;
            offsets.add(offset);
            offsets.add(end);
            entry.add("data_offsets", offsets);
            header.add(e.getKey(), entry);
            offset = end;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        length.putLong(padded);
        buffered.write(length.array());
        buffered.write(headerBytes);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor tensor : tensors.values()) {
            for (float v : tensor.data()) {
                if (!chunk.hasRemaining()) {
                    buffered.write(chunk.array(), 0, chunk.position());
                    chunk.clear();
                }
                chunk.putFloat(v);
            }
        }
        buffered.write(chunk.array(), 0, chunk.position());
        buffered.flush();
    }

    /**
     * Reads every tensor of a safetensors file, in header order.
     *
     * @throws IOException naming the file if it is truncated, malformed or holds a non-F32 tensor
     */
    public static Map<String, Tensor> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return parse(bytes);
        } catch (IllegalArgumentException
                | IllegalStateException
                | ClassCastException
                | UnsupportedOperationException
                | JsonParseException e) {
            throw new IOException(file + ": not a valid safetensors file: " + e.getMessage(), e);
        }
    }

    private static Map<String, Tensor> parse(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("shorter than its 8-byte header length");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buffer.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > bytes.length - 8) {
            throw new IllegalArgumentException(
                    "header length "
                            + headerLength
                            + " does not fit a file of "
                            + bytes.length
                            + " bytes");
        }
        String json = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        JsonElement root = JsonParser.parseString(json);
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("the header is not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - dataStart;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonObject entry = e.getValue().getAsJsonObject();
            String dtype = entry.get("dtype").getAsString();
            if (!dtype.equals("F32")) {
                throw new IllegalArgumentException(
                        "tensor " + e.getKey() + " has dtype " + dtype + "; only F32 is supported");
            }
            JsonArray shapeJson = entry.getAsJsonArray("shape");
            long[] shape = new long[shapeJson.size()];
            long size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeJson.get(i).getAsLong();
                if (shape[i] < 0) {
                    throw new IllegalArgumentException(
                            "tensor " + e.getKey() + " has a negative dimension");
                }
                size = Math.multiplyExact(size, shape[i]);
            }
            JsonArray offsets = entry.getAsJsonArray("data_offsets");
            long begin = offsets.get(0).getAsLong();
            long end = offsets.get(1).getAsLong();
            if (begin < 0 || end < begin || end > dataLength || end - begin != 4 * size) {
                throw new IllegalArgumentException(
                        "tensor "
                                + e.getKey()
                                + " has data_offsets ["
                                + begin
                                + ", "
                                + end
                                + "] that do not match its shape "
                                + Arrays.toString(shape)
                                + " or the "
                                + dataLength
                                + " data bytes");
            }
            float[] data = new float[(int) size];
            ByteBuffer slice =
                    ByteBuffer.wrap(bytes, dataStart + (int) begin, (int) (end - begin))
                            .order(ByteOrder.LITTLE_ENDIAN);
            slice.asFloatBuffer().get(data);
            tensors.put(e.getKey(), new Tensor(shape, data));
        }
        return tensors;
    }
}

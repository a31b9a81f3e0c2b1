package io.github.bertdistill.teacher.weights;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the safetensors format of Hugging Face checkpoints: an 8-byte little-endian
 * header length {@code N}, {@code N} bytes of JSON ({@code {"name": {"dtype": "F32", "shape": [..],
 * "data_offsets": [begin, end]}, "__metadata__": {..}}}), then the raw little-endian data, offsets
 * counted from the end of the header.
 *
 * <p>F32, F16 and BF16 tensors are read (as float32); integer tensors, such as the {@code
 * position_ids} buffer, are not weights and are skipped. Files are written in F32, tensors sorted
 * by name, the header padded with spaces to a multiple of 8 bytes. Every offset and size is checked
 * before reading, so a truncated or corrupt file gets an {@link IOException} that names it.
 */
public final class Safetensors {
    private static final long MAX_HEADER = 100L << 20;

    private Safetensors() {}

    /** The float tensors of {@code file}, by name. */
    public static Map<String, HostTensor> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw corrupt(file, "shorter than its 8-byte header length");
            }
            if (size > Integer.MAX_VALUE) {
                throw new IOException(file + ": safetensors files over 2 GB are not supported");
            }
            ByteBuffer all = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            all.order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = all.getLong(0);
            if (headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw corrupt(
                        file,
                        "header length "
                                + headerLength
                                + " does not fit a file of "
                                + size
                                + " bytes");
            }
            byte[] header = new byte[(int) headerLength];
            all.get(8, header);
            JsonObject json = parseHeader(file, header);
            long dataStart = 8 + headerLength;
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
                if (!entry.getKey().equals("__metadata__")) {
                    HostTensor tensor =
                            readTensor(
                                    file, entry.getKey(), entry.getValue(), all, dataStart, size);
                    if (tensor != null) {
                        tensors.put(entry.getKey(), tensor);
                    }
                }
            }
            return tensors;
        }
    }

    /** Writes {@code tensors} as float32 to {@code file}, atomically. */
    public static void write(Path file, Map<String, HostTensor> tensors) throws IOException {
        Map<String, HostTensor> sorted = new TreeMap<>(tensors);
        JsonObject header = new JsonObject();
        JsonObject metadata = new JsonObject();
        metadata.addProperty("format", "pt");
        header.add("__metadata__", metadata);
        long offset = 0;
        for (Map.Entry<String, HostTensor> entry : sorted.entrySet()) {
            JsonObject info = new JsonObject();
            info.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long dim : entry.getValue().shape().getShape()) {
                shape.add(dim);
            }
            info.add("shape", shape);
            long end = offset + (long) entry.getValue().data().length * Float.BYTES;
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            info.add("data_offsets", offsets);
            header.add(entry.getKey(), info);
            offset = end;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        AtomicFiles.write(
                file,
                out -> {
                    out.write(prefix.array());
                    for (HostTensor tensor : sorted.values()) {
                        writeFloats(out, tensor.data());
                    }
                });
    }

    private static void writeFloats(OutputStream out, float[] data) throws IOException {
        ByteBuffer buffer =
                ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(data);
        out.write(buffer.array());
    }

    private static JsonObject parseHeader(Path file, byte[] header) throws IOException {
        try {
            JsonElement json = JsonParser.parseString(new String(header, StandardCharsets.UTF_8));
            if (!json.isJsonObject()) {
                throw corrupt(file, "header is not a JSON object");
            }
            return json.getAsJsonObject();
        } catch (JsonParseException e) {
            throw corrupt(file, "header is not valid JSON: " + e.getMessage());
        }
    }

    private static HostTensor readTensor(
            Path file, String name, JsonElement element, ByteBuffer all, long dataStart, long size)
            throws IOException {
        try {
            JsonObject info = element.getAsJsonObject();
            String dtype = info.get("dtype").getAsString();
            JsonArray dims = info.getAsJsonArray("shape");
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i).getAsLong();
            }
            JsonArray offsets = info.getAsJsonArray("data_offsets");
            long begin = dataStart + offsets.get(0).getAsLong();
            long end = dataStart + offsets.get(1).getAsLong();
            if (begin < dataStart || end < begin || end > size) {
                throw corrupt(file, "tensor " + name + " lies outside the file (truncated?)");
            }
            return decode(
                    file,
                    name,
                    dtype,
                    new Shape(shape),
                    all.slice((int) begin, (int) (end - begin)));
        } catch (IllegalStateException
                | NullPointerException
                | UnsupportedOperationException
                | IndexOutOfBoundsException e) {
            throw corrupt(file, "malformed header entry for " + name + ": " + e.getMessage());
        }
    }

    private static HostTensor decode(
            Path file, String name, String dtype, Shape shape, ByteBuffer bytes)
            throws IOException {
        int width =
                switch (dtype) {
                    case "F32" -> 4;
                    case "F16", "BF16" -> 2;
                    case "I64", "I32", "I16", "I8", "U8", "BOOL" -> 0;
                    default ->
                            throw corrupt(
                                    file, "tensor " + name + " has unsupported dtype " + dtype);
                };
        if (width == 0) {
            return null;
        }
        if (bytes.remaining() != shape.size() * width) {
            throw corrupt(
                    file,
                    "tensor "
                            + name
                            + " of shape "
                            + shape
                            + " has "
                            + bytes.remaining()
                            + " bytes");
        }
        bytes.order(ByteOrder.LITTLE_ENDIAN);
        float[] data = new float[Math.toIntExact(shape.size())];
        if (width == 4) {
            bytes.asFloatBuffer().get(data);
        } else {
            for (int i = 0; i < data.length; i++) {
                short bits = bytes.getShort(i * 2);
                data[i] =
                        dtype.equals("BF16")
                                ? Float.intBitsToFloat(bits << 16)
                                : HalfFloats.toFloat(bits);
            }
        }
        return new HostTensor(shape, data);
    }

    private static IOException corrupt(Path file, String problem) {
        return new IOException(file + " is not a valid safetensors file: " + problem);
    }
}

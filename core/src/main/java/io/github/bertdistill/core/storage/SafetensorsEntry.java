package io.github.bertdistill.core.storage;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One tensor of a {@link SafetensorsFile} header, checked against the file: its dtype, its shape
 * and the byte range of its data, counted from the end of the header.
 *
 * @param dtype the safetensors dtype, such as {@code F32}
 * @param shape the dimensions
 * @param begin the first byte of the data
 * @param end the byte after the data
 */
record SafetensorsEntry(String dtype, Shape shape, long begin, long end) {

    /**
     * Checks one header entry.
     *
     * @param dataLength the number of bytes after the header
     * @throws IOException naming the file and the tensor if the entry is malformed, its dtype
     *     unsupported, or its data outside the file or of the wrong size
     */
    static SafetensorsEntry parse(Path file, String name, JsonElement json, long dataLength)
            throws IOException {
        if (!json.isJsonObject()) {
            throw problem(file, name, "is not described by a JSON object");
        }
        JsonObject info = json.getAsJsonObject();
        JsonElement dtypeJson = info.get("dtype");
        if (dtypeJson == null
                || !dtypeJson.isJsonPrimitive()
                || !dtypeJson.getAsJsonPrimitive().isString()) {
            throw problem(file, name, "has no dtype");
        }
        String dtype = dtypeJson.getAsString();
        int width = width(dtype);
        if (width < 0) {
            throw problem(
                    file,
                    name,
                    "has unsupported dtype "
                            + dtype
                            + " (F32, F16 and BF16 are read, integers and booleans skipped)");
        }
        long[] dims = naturals(info.get("shape"));
        if (dims == null) {
            throw problem(file, name, "has no valid shape (a list of non-negative integers)");
        }
        long[] offsets = naturals(info.get("data_offsets"));
        if (offsets == null || offsets.length != 2) {
            throw problem(file, name, "has no valid data_offsets (two non-negative integers)");
        }
        long begin = offsets[0];
        long end = offsets[1];
        String range = "data_offsets [" + begin + ", " + end + "]";
        if (end < begin) {
            throw problem(file, name, "has " + range + " that end before they begin");
        }
        if (end > dataLength) {
            throw problem(
                    file,
                    name,
                    "has " + range + " beyond the " + dataLength + " data bytes (truncated?)");
        }
        if (width > 0) {
            long needed = neededBytes(file, name, dims, width);
            if (end - begin != needed) {
                throw problem(
                        file,
                        name,
                        "has "
                                + range
                                + " ("
                                + (end - begin)
                                + " bytes) but "
                                + dtype
                                + " of shape "
                                + Arrays.toString(dims)
                                + " needs "
                                + needed
                                + " bytes");
            }
            if (needed > Integer.MAX_VALUE) {
                throw problem(file, name, "is over 2 GB, too large to read");
            }
        }
        return new SafetensorsEntry(dtype, new Shape(dims), begin, end);
    }

    /** Whether the tensor holds floats, which are read; integers and booleans are skipped. */
    boolean isFloat() {
        return width(dtype) > 0;
    }

    /** The float32 tensor of this entry's {@code end - begin} little-endian data bytes. */
    HostTensor decode(ByteBuffer bytes) {
        float[] data = new float[Math.toIntExact(shape.size())];
        switch (dtype) {
            case "F32" -> bytes.asFloatBuffer().get(data);
            case "F16" -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = HalfFloats.toFloat(bytes.getShort(2 * i));
                }
            }
            case "BF16" -> {
                for (int i = 0; i < data.length; i++) {
                    data[i] = Float.intBitsToFloat(bytes.getShort(2 * i) << 16);
                }
            }
            default -> throw new IllegalStateException("not a float dtype: " + dtype);
        }
        return new HostTensor(shape, data);
    }

    /** Bytes per value: 4 or 2 for floats, 0 for skipped dtypes, -1 for unsupported ones. */
    private static int width(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            case "BOOL", "U8", "I8", "U16", "I16", "U32", "I32", "U64", "I64" -> 0;
            default -> -1;
        };
    }

    private static long neededBytes(Path file, String name, long[] dims, int width)
            throws IOException {
        try {
            long bytes = width;
            for (long dim : dims) {
                bytes = Math.multiplyExact(bytes, dim);
            }
            return bytes;
        } catch (ArithmeticException e) {
            throw problem(file, name, "has a shape too large to read: " + Arrays.toString(dims));
        }
    }

    /** The values of a JSON array of non-negative integers, or null if it is not one. */
    private static long[] naturals(JsonElement json) {
        if (json == null || !json.isJsonArray()) {
            return null;
        }
        JsonArray array = json.getAsJsonArray();
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonElement item = array.get(i);
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isNumber()) {
                return null;
            }
            try {
                values[i] = item.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                return null;
            }
            if (values[i] < 0) {
                return null;
            }
        }
        return values;
    }

    private static IOException problem(Path file, String name, String problem) {
        return SafetensorsFile.corrupt(file, "tensor " + name + " " + problem);
    }
}

package io.github.bertdistill.core.storage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files, the
 * weight format of Hugging Face checkpoints and of every bert-distill model folder, in plain Java
 * (not through the engine), so that files are reproducible byte for byte and a bad file is a clear
 * error rather than a native crash.
 *
 * <p><b>Layout.</b> An 8-byte little-endian header length {@code N}; {@code N} bytes of UTF-8 JSON,
 * {@code {"__metadata__": {"format": "pt"}, "name": {"dtype": "F32", "shape": [2, 3],
 * "data_offsets": [begin, end]}, …}}; then the raw little-endian tensor data, the offsets counted
 * from the end of the header.
 *
 * <p><b>Reading</b> gives the F32, F16 and BF16 tensors as float32 {@link HostTensor}s, in header
 * order. Integer and boolean tensors (such as BERT's {@code position_ids} buffer) are not weights
 * and are skipped; any other dtype is an error. Every length, shape and offset is checked before
 * any data is read, so a truncated or corrupt file gives an {@link IOException} of one line naming
 * the file and, when one is at fault, the tensor.
 *
 * <p><b>Writing</b> stores float32 only, tensors sorted by name (the order of Hugging Face's own
 * writer for tensors of one dtype), the header padded with spaces to a multiple of 8 bytes, and
 * {@code __metadata__} {@code {"format": "pt"}}, which {@code transformers} expects: the same
 * tensors always give the same bytes. The file is replaced atomically through {@link AtomicFiles}.
 */
public final class SafetensorsFile {
    private static final long MAX_HEADER = 100L << 20;
    private static final String METADATA = "__metadata__";
    private static final int CHUNK_BYTES = 1 << 16;

    private SafetensorsFile() {}

    /**
     * The float tensors of {@code file}, by name, in header order.
     *
     * @throws IOException naming the file (and the tensor) if it is truncated or malformed or holds
     *     a dtype other than F32, F16, BF16, integers or booleans
     */
    public static Map<String, HostTensor> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw corrupt(file, "shorter than its 8-byte header length");
            }
            long headerLength = readBytes(file, channel, 0, 8).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8) {
                throw corrupt(
                        file,
                        "header length "
                                + headerLength
                                + " does not fit a file of "
                                + size
                                + " bytes");
            }
            JsonObject header = parseHeader(file, readBytes(file, channel, 8, (int) headerLength));
            long dataStart = 8 + headerLength;
            Map<String, SafetensorsEntry> entries = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (!e.getKey().equals(METADATA)) {
                    entries.put(
                            e.getKey(),
                            SafetensorsEntry.parse(
                                    file, e.getKey(), e.getValue(), size - dataStart));
                }
            }
            Map<String, HostTensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, SafetensorsEntry> e : entries.entrySet()) {
                SafetensorsEntry entry = e.getValue();
                if (entry.isFloat()) {
                    ByteBuffer bytes =
                            readBytes(
                                    file,
                                    channel,
                                    dataStart + entry.begin(),
                                    (int) (entry.end() - entry.begin()));
                    tensors.put(e.getKey(), entry.decode(bytes));
                }
            }
            return tensors;
        }
    }

    /** Writes {@code tensors} as float32 to {@code file}, sorted by name, atomically. */
    public static void write(Path file, Map<String, HostTensor> tensors) throws IOException {
        SortedMap<String, HostTensor> sorted = new TreeMap<>(tensors);
        byte[] header = header(sorted);
        AtomicFiles.write(
                file,
                out -> {
                    out.write(header);
                    ByteBuffer chunk =
                            ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                    for (HostTensor tensor : sorted.values()) {
                        writeFloats(out, tensor.data(), chunk);
                    }
                });
    }

    /** The header length, the JSON header and its padding. */
    private static byte[] header(SortedMap<String, HostTensor> tensors) {
        JsonObject header = new JsonObject();
        JsonObject metadata = new JsonObject();
        metadata.addProperty("format", "pt");
        header.add(METADATA, metadata);
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            JsonObject info = new JsonObject();
            info.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            for (long dim : e.getValue().shape().getShape()) {
                shape.add(dim);
            }
            info.add("shape", shape);
            long end = offset + (long) e.getValue().data().length * Float.BYTES;
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            info.add("data_offsets", offsets);
            header.add(e.getKey(), info);
            offset = end;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        while (out.hasRemaining()) {
            out.put((byte) ' ');
        }
        return out.array();
    }

    private static void writeFloats(OutputStream out, float[] data, ByteBuffer chunk)
            throws IOException {
        FloatBuffer floats = chunk.asFloatBuffer();
        for (int i = 0; i < data.length; i += floats.capacity()) {
            int n = Math.min(floats.capacity(), data.length - i);
            floats.clear();
            floats.put(data, i, n);
            out.write(chunk.array(), 0, n * Float.BYTES);
        }
    }

    private static JsonObject parseHeader(Path file, ByteBuffer bytes) throws IOException {
        try {
            JsonElement json =
                    JsonParser.parseString(new String(bytes.array(), StandardCharsets.UTF_8));
            if (!json.isJsonObject()) {
                throw corrupt(file, "the header is not a JSON object");
            }
            return json.getAsJsonObject();
        } catch (JsonParseException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String detail = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            throw corrupt(file, "the header is not valid JSON (" + detail + ")");
        }
    }

    /** {@code length} bytes from {@code position}, little-endian, ready to read. */
    private static ByteBuffer readBytes(Path file, FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw corrupt(file, "the file ended while it was being read");
            }
        }
        return buffer.flip();
    }

    /** The error for a malformed file: its name and what is wrong with it. */
    static IOException corrupt(Path file, String problem) {
        return new IOException(file + " is not a valid safetensors file: " + problem);
    }
}

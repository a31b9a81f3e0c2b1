package io.github.bertdistill.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
    @TempDir Path temp;

    @Test
    void roundTripsBitExactlyInTheDocumentedLayout() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put(
                "w",
                new HostTensor(
                        new Shape(2, 3), new float[] {1, -2, 3.5f, Float.MIN_VALUE, -0f, 1e30f}));
        tensors.put("b", new HostTensor(new Shape(1), new float[] {Float.NaN}));
        Path file = temp.resolve("m.safetensors");
        SafetensorsFile.write(file, tensors);

        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        assertEquals(8 + headerLength + 7 * 4, bytes.length);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        // sorted by name, as Hugging Face's writer does: b before w
        assertEquals(
                "{\"__metadata__\":{\"format\":\"pt\"},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[4,28]}}",
                header.stripTrailing());
        assertEquals(
                1f,
                ByteBuffer.wrap(bytes)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getFloat(8 + (int) headerLength + 4));

        Map<String, HostTensor> read = SafetensorsFile.read(file);
        assertEquals(List.of("b", "w"), List.copyOf(read.keySet()));
        assertEquals(new Shape(2, 3), read.get("w").shape());
        for (int i = 0; i < 6; i++) {
            assertEquals(
                    Float.floatToRawIntBits(tensors.get("w").data()[i]),
                    Float.floatToRawIntBits(read.get("w").data()[i]));
        }
        assertTrue(Float.isNaN(read.get("b").data()[0]));
    }

    @Test
    void theSameTensorsGiveTheSameBytesWhateverTheMapOrder() throws IOException {
        HostTensor a = new HostTensor(new Shape(2), new float[] {1, 2});
        HostTensor b = new HostTensor(new Shape(), new float[] {3});
        Path first = temp.resolve("first.safetensors");
        Path second = temp.resolve("second.safetensors");
        Map<String, HostTensor> ab = new LinkedHashMap<>();
        ab.put("a", a);
        ab.put("b", b);
        Map<String, HostTensor> ba = new LinkedHashMap<>();
        ba.put("b", b);
        ba.put("a", a);
        SafetensorsFile.write(first, ab);
        SafetensorsFile.write(second, ba);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertEquals(new Shape(), SafetensorsFile.read(first).get("b").shape());
    }

    @Test
    void writingReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = temp.resolve("m.safetensors");
        SafetensorsFile.write(file, Map.of("x", new HostTensor(new Shape(1), new float[] {1})));
        SafetensorsFile.write(file, Map.of("y", new HostTensor(new Shape(1), new float[] {2})));
        assertEquals(List.of("y"), List.copyOf(SafetensorsFile.read(file).keySet()));
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void writesTensorsLargerThanTheWriteBuffer() throws IOException {
        float[] values = new float[100_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f;
        }
        Path file = temp.resolve("big.safetensors");
        SafetensorsFile.write(
                file, Map.of("big", new HostTensor(new Shape(values.length), values)));
        assertArrayEquals(values, SafetensorsFile.read(file).get("big").data());
    }

    @Test
    void readsHalfAndBfloat16AsFloatAndSkipsIntegerTensors() throws IOException {
        short[] half = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x7C00, (short) 0xFC00, 0x7E00};
        short[] bfloat = {0x3F80, (short) 0xC040};
        ByteBuffer data =
                ByteBuffer.allocate(2 * half.length + 2 * bfloat.length + 16)
                        .order(ByteOrder.LITTLE_ENDIAN);
        for (short bits : half) {
            data.putShort(bits);
        }
        for (short bits : bfloat) {
            data.putShort(bits);
        }
        data.putLong(0).putLong(1);
        Path file =
                raw(
                        "{\"h\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[0,14]},"
                            + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[14,18]},"
                            + "\"position_ids\":{\"dtype\":\"I64\",\"shape\":[1,2],"
                            + "\"data_offsets\":[18,34]}}",
                        data.array());

        Map<String, HostTensor> read = SafetensorsFile.read(file);
        assertEquals(List.of("h", "bf"), List.copyOf(read.keySet()));
        float[] h = read.get("h").data();
        assertArrayEquals(new float[] {1f, -2f, 65504f, 0x1p-24f}, Arrays.copyOf(h, 4));
        assertEquals(Float.POSITIVE_INFINITY, h[4]);
        assertEquals(Float.NEGATIVE_INFINITY, h[5]);
        assertTrue(Float.isNaN(h[6]));
        assertArrayEquals(new float[] {1f, -3f}, read.get("bf").data());
    }

    @Test
    void malformedFilesAreClearErrors() throws IOException {
        Path good = temp.resolve("good.safetensors");
        SafetensorsFile.write(good, Map.of("x", new HostTensor(new Shape(4), new float[4])));
        byte[] bytes = Files.readAllBytes(good);
        assertMalformed(Arrays.copyOf(bytes, 5), "shorter than");
        assertMalformed(Arrays.copyOf(bytes, bytes.length - 4), "tensor x has data_offsets");
        byte[] hugeHeader = bytes.clone();
        hugeHeader[7] = 0x7f;
        assertMalformed(hugeHeader, "header length");
        String header = new String(bytes, 8, bytes.length - 8 - 16, StandardCharsets.UTF_8);
        assertMalformed(
                replaced(bytes, header, "F32", "F64"), "tensor x has unsupported dtype F64");
        assertMalformed(replaced(bytes, header, "F32", "F16"), "F16 of shape [4] needs 8 bytes");
        assertMalformed(replaced(bytes, header, "[4]", "[5]"), "tensor x has data_offsets");
        assertMalformed(replaced(bytes, header, "[0,16]", "[16,0]"), "end before they begin");
    }

    @Test
    void malformedHeaderEntriesNameTheTensor() throws IOException {
        assertMalformed(raw("[1, 2]", new byte[0]), "the header is not a JSON object");
        assertMalformed(raw("{\"t\": {", new byte[0]), "the header is not valid JSON (");
        assertMalformed(raw("{\"t\": 3}", new byte[0]), "tensor t is not described");
        assertMalformed(
                raw("{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]),
                "tensor t has no dtype");
        assertMalformed(
                raw("{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", new byte[4]),
                "tensor t has no valid data_offsets");
        assertMalformed(
                raw(
                        "{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}",
                        new byte[4]),
                "tensor t has no valid shape");
        assertMalformed(
                raw(
                        "{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
                        new byte[4]),
                "tensor t has no valid shape");
    }

    private static byte[] replaced(byte[] bytes, String header, String from, String to) {
        byte[] changed = bytes.clone();
        byte[] text = header.replace(from, to).getBytes(StandardCharsets.UTF_8);
        assertEquals(header.length(), text.length, "keep the header length");
        System.arraycopy(text, 0, changed, 8, text.length);
        return changed;
    }

    /** A file of the given header (padded) and data bytes. */
    private Path raw(String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes =
                ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json).put(data);
        Path file = temp.resolve("raw.safetensors");
        Files.write(file, bytes.array());
        return file;
    }

    private void assertMalformed(byte[] bytes, String message) throws IOException {
        Path file = temp.resolve("bad.safetensors");
        Files.write(file, bytes);
        assertMalformed(file, message);
    }

    private static void assertMalformed(Path file, String message) {
        IOException e = assertThrows(IOException.class, () -> SafetensorsFile.read(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + " is not a valid safetensors file: "));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}

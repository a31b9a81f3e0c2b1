package io.github.bertdistill.student.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir Path temp;

    @Test
    void roundTripsBitExactlyInTheDocumentedLayout() throws IOException {
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put(
                "w",
                new SafeTensors.Tensor(
                        new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, -0f, 1e30f}));
        tensors.put("b", new SafeTensors.Tensor(new long[] {1}, new float[] {Float.NaN}));
        Path file = temp.resolve("m.safetensors");
        try (OutputStream out = Files.newOutputStream(file)) {
            SafeTensors.write(out, tensors, Map.of("format", "pt"));
        }
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        assertEquals(8 + headerLength + 7 * 4, bytes.length);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(
                header.contains(
                        "\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}"),
                header);
        assertTrue(
                header.contains("\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[24,28]}"),
                header);
        assertEquals(
                1f,
                ByteBuffer.wrap(bytes)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getFloat(8 + (int) headerLength));

        Map<String, SafeTensors.Tensor> read = SafeTensors.read(file);
        assertEquals(List.of("w", "b"), List.copyOf(read.keySet()));
        assertArrayEquals(new long[] {2, 3}, read.get("w").shape());
        for (int i = 0; i < 6; i++) {
            assertEquals(
                    Float.floatToRawIntBits(tensors.get("w").data()[i]),
                    Float.floatToRawIntBits(read.get("w").data()[i]));
        }
        assertTrue(Float.isNaN(read.get("b").data()[0]));
    }

    @Test
    void malformedFilesAreClearErrors() throws IOException {
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        SafeTensors.write(
                good, Map.of("x", new SafeTensors.Tensor(new long[] {4}, new float[4])), Map.of());
        byte[] bytes = good.toByteArray();
        assertMalformed(java.util.Arrays.copyOf(bytes, 5), "shorter than");
        assertMalformed(java.util.Arrays.copyOf(bytes, bytes.length - 4), "data_offsets");
        byte[] hugeHeader = bytes.clone();
        hugeHeader[7] = 0x7f;
        assertMalformed(hugeHeader, "header length");
        String header = new String(bytes, 8, bytes.length - 8 - 16, StandardCharsets.UTF_8);
        byte[] f16 = bytes.clone();
        byte[] replaced = header.replace("F32", "F16").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(replaced, 0, f16, 8, replaced.length);
        assertMalformed(f16, "only F32");
    }

    private void assertMalformed(byte[] bytes, String message) throws IOException {
        Path file = temp.resolve("bad.safetensors");
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("bad.safetensors"), e.getMessage());
    }
}

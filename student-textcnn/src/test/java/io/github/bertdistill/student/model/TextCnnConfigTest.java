package io.github.bertdistill.student.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class TextCnnConfigTest {

    @Test
    void roundTripsThroughJson() {
        TextCnnConfig config =
                TextCnnConfig.builder().optKernelWidths(2, 3).optEmbeddingSize(64).build();
        assertEquals(config, TextCnnConfig.fromJson(config.toJson()));
    }

    @Test
    void missingKeysKeepTheDefaults() {
        TextCnnConfig config =
                TextCnnConfig.fromJson(
                        JsonParser.parseString("{\"maxLength\": 64}").getAsJsonObject());
        assertEquals(64, config.maxLength());
        assertArrayEquals(new int[] {3, 4, 5}, config.kernelWidths());
    }

    @Test
    void rejectsAnUnknownKeyByName() {
        JsonObject json = JsonParser.parseString("{\"kernelWidth\": [3]}").getAsJsonObject();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TextCnnConfig.fromJson(json));
        assertTrue(
                e.getMessage().startsWith("unknown TextCNN config key 'kernelWidth'"),
                e.getMessage());
    }
}

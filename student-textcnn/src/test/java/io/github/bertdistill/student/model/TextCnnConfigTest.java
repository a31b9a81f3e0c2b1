package io.github.bertdistill.student.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.config.ConfigException;
import org.junit.jupiter.api.Test;

class TextCnnConfigTest {

    @Test
    void roundTripsThroughJson() {
        TextCnnConfig config =
                TextCnnConfig.builder()
                        .optKernelWidths(2, 3)
                        .optEmbeddingSize(64)
                        .optLstmSize(32)
                        .optAttentionSize(16)
                        .build();
        assertEquals(config, TextCnnConfig.fromJson(config.toJson()));
        assertEquals(32, TextCnnConfig.fromJson(config.toJson()).lstmSize());
        assertEquals(16, TextCnnConfig.fromJson(config.toJson()).attentionSize());
        // the attention pooling's average of [x; →h; ←h] joins the max-pooled features
        assertEquals(64 + 2 * 32, config.channels());
        assertEquals(2 * 100 + 128, config.featureCount());
        assertEquals(200, config.toBuilder().optAttentionSize(0).build().featureCount());
    }

    @Test
    void missingKeysKeepTheDefaults() {
        TextCnnConfig config =
                TextCnnConfig.fromJson(
                        JsonParser.parseString("{\"maxLength\": 64}").getAsJsonObject());
        assertEquals(64, config.maxLength());
        assertArrayEquals(new int[] {3, 4, 5}, config.kernelWidths());
        assertEquals(0, config.lstmSize()); // a student saved before the LSTM layer existed
        assertEquals(0, config.attentionSize()); // or before attention pooling
    }

    @Test
    void rejectsAnUnknownKeyByName() {
        JsonObject json = JsonParser.parseString("{\"kernelWidth\": [3]}").getAsJsonObject();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TextCnnConfig.fromJson(json));
        assertTrue(
                e.getMessage()
                        .startsWith("kernelWidth: unknown key (did you mean 'kernelWidths'?)"),
                e.getMessage());
    }

    @Test
    void badValuesNameTheirKey() {
        JsonObject json =
                JsonParser.parseString("{\"kernelWidths\": [3, 9], \"maxLength\": 8}")
                        .getAsJsonObject();
        ConfigException wide =
                assertThrows(ConfigException.class, () -> TextCnnConfig.fromJson(json));
        assertEquals("kernelWidths", wide.keyPath());
        ConfigException dropout =
                assertThrows(
                        ConfigException.class,
                        () -> TextCnnConfig.builder().optDropout(1f).build());
        assertEquals("dropout: must be in [0, 1), got 1.0", dropout.getMessage());
        ConfigException context =
                assertThrows(
                        ConfigException.class,
                        () ->
                                TextCnnConfig.fromJson(
                                        JsonParser.parseString("{\"lstmSize\": -1}")
                                                .getAsJsonObject()));
        assertEquals("lstmSize: must be >= 0 (0: no LSTM), got -1", context.getMessage());
        ConfigException attention =
                assertThrows(
                        ConfigException.class,
                        () -> TextCnnConfig.builder().optAttentionSize(-2).build());
        assertEquals(
                "attentionSize: must be >= 0 (0: no attention pooling), got -2",
                attention.getMessage());
    }
}

package io.github.bertdistill.teacher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class BertConfigTest {
    /** The config.json of sentence-transformers/all-MiniLM-L6-v2, as published. */
    private static final String MINILM =
            """
            {"_name_or_path": "nreimers/MiniLM-L6-H384-uncased",
             "architectures": ["BertModel"], "attention_probs_dropout_prob": 0.1,
             "gradient_checkpointing": false, "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
             "hidden_size": 384, "initializer_range": 0.02, "intermediate_size": 1536,
             "layer_norm_eps": 1e-12, "max_position_embeddings": 512, "model_type": "bert",
             "num_attention_heads": 12, "num_hidden_layers": 6, "pad_token_id": 0,
             "position_embedding_type": "absolute", "transformers_version": "4.8.2",
             "type_vocab_size": 2, "use_cache": true, "vocab_size": 30522}
            """;

    @Test
    void readsAHuggingFaceConfig() {
        BertConfig config = BertConfig.fromJson(JsonParser.parseString(MINILM).getAsJsonObject());
        assertEquals(384, config.hiddenSize());
        assertEquals(6, config.numHiddenLayers());
        assertEquals(12, config.numAttentionHeads());
        assertEquals(32, config.headSize());
        assertEquals(1536, config.intermediateSize());
        assertEquals(1e-12f, config.layerNormEps());
        assertEquals(config, BertConfig.fromJson(config.toJson()));
    }

    @Test
    void absentFieldsTakeBertBaseDefaults() {
        BertConfig config = BertConfig.fromJson(new JsonObject());
        assertEquals(768, config.hiddenSize());
        assertEquals(30522, config.vocabSize());
    }

    @Test
    void invalidConfigsAreRejectedWithTheFieldName() {
        JsonObject json = JsonParser.parseString(MINILM).getAsJsonObject();
        json.addProperty("num_attention_heads", 5);
        IllegalArgumentException heads =
                assertThrows(IllegalArgumentException.class, () -> BertConfig.fromJson(json));
        assertTrue(heads.getMessage().contains("num_attention_heads"), heads.getMessage());
        json.addProperty("num_attention_heads", 12);
        json.addProperty("hidden_act", "gelu_new");
        assertThrows(IllegalArgumentException.class, () -> BertConfig.fromJson(json));
        json.addProperty("hidden_act", "gelu");
        json.addProperty("hidden_size", "wide");
        IllegalArgumentException size =
                assertThrows(IllegalArgumentException.class, () -> BertConfig.fromJson(json));
        assertTrue(size.getMessage().contains("hidden_size"), size.getMessage());
    }
}

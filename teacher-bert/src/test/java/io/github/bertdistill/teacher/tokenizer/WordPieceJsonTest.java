package io.github.bertdistill.teacher.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A tokenizer built from a bare vocabulary equals the published tokenizer.json on real text. */
class WordPieceJsonTest {
    @Test
    void vocabularyTokenizerMatchesThePublishedTokenizer() throws Exception {
        try (BertTokenizer published = BertPreset.MINILM_L6.tokenizer(64)) {
            JsonObject vocab =
                    JsonParser.parseString(new String(published.toJson(), StandardCharsets.UTF_8))
                            .getAsJsonObject()
                            .getAsJsonObject("model")
                            .getAsJsonObject("vocab");
            String[] tokens = new String[vocab.size()];
            vocab.entrySet().forEach(e -> tokens[e.getValue().getAsInt()] = e.getKey());
            List<String> ordered = new ArrayList<>(Arrays.asList(tokens));
            try (BertTokenizer rebuilt = BertTokenizer.fromVocabulary(ordered, true, 64)) {
                for (String text :
                        List.of(
                                "Hello, my dog is cute",
                                "Unbelievable!! The café's crème brûlée [MASK] costs $3.50",
                                "混合 text 中文")) {
                    assertArrayEquals(
                            published.encode(text).tokenIds(),
                            rebuilt.encode(text).tokenIds(),
                            text);
                }
            }
        }
    }
}

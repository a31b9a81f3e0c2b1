package io.github.bertdistill.teacher.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.EncodedText;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BertTokenizerTest {
    private static BertTokenizer english;
    private static BertTokenizer chinese;

    @BeforeAll
    static void load() throws IOException {
        english = BertPreset.MINILM_L6.tokenizer(16);
        chinese = BertPreset.BGE_SMALL_ZH.tokenizer(16);
    }

    @AfterAll
    static void close() {
        english.close();
        chinese.close();
    }

    @Test
    void englishIdsEqualBertBaseUncasedIds() {
        EncodedText text = english.encode("Hello, my dog is cute");
        assertArrayEquals(
                new long[] {101, 7592, 1010, 2026, 3899, 2003, 10140, 102}, text.tokenIds());
        assertArrayEquals(new long[8], text.tokenTypeIds());
        assertFalse(text.truncated());
        assertEquals(30522, english.vocabSize());
        assertEquals(0, english.padId());
    }

    @Test
    void chineseIsSplitIntoCharacters() {
        assertArrayEquals(new long[] {101, 872, 1962, 102}, chinese.encode("你好").tokenIds());
        assertEquals(21128, chinese.vocabSize());
    }

    @Test
    void emptyTextIsClsAndSep() {
        assertArrayEquals(new long[] {101, 102}, english.encode("").tokenIds());
        assertThrows(NullPointerException.class, () -> english.encode(null));
    }

    @Test
    void longTextIsTruncatedKeepingTheFinalSep() {
        String text =
                "one two three four five six seven eight nine ten eleven twelve thirteen"
                        + " fourteen fifteen sixteen seventeen eighteen";
        EncodedText encoded = english.encode(text);
        assertEquals(16, encoded.length());
        assertEquals(20, encoded.untruncatedLength());
        assertTrue(encoded.truncated());
        assertEquals(101, encoded.tokenIds()[0]);
        assertEquals(102, encoded.tokenIds()[15]);
        EncodedBatch batch = english.encodeBatch(List.of(text, "short", text));
        assertEquals(2, batch.truncatedCount());
    }

    @Test
    void aTokenizerWithoutSpecialTokensCutsLongTextsPlainly() throws IOException {
        JsonObject json =
                JsonParser.parseString(new String(english.toJson(), StandardCharsets.UTF_8))
                        .getAsJsonObject();
        json.add("post_processor", JsonNull.INSTANCE); // as a WordPiece student's tokenizer
        String text =
                "one two three four five six seven eight nine ten eleven twelve thirteen"
                        + " fourteen fifteen sixteen seventeen eighteen";
        try (BertTokenizer student =
                        BertTokenizer.fromStream(
                                new ByteArrayInputStream(
                                        json.toString().getBytes(StandardCharsets.UTF_8)),
                                16,
                                "student tokenizer");
                BertTokenizer longer = BertPreset.MINILM_L6.tokenizer(32)) {
            EncodedText whole = longer.encode(text);
            EncodedText cut = student.encode(text);
            assertEquals(16, cut.length());
            assertEquals(18, cut.untruncatedLength());
            // the first 16 words, without [CLS] and [SEP]: nothing from the end of the text
            assertArrayEquals(Arrays.copyOfRange(whole.tokenIds(), 1, 17), cut.tokenIds());
        }
    }

    @Test
    void batchesArePaddedToTheLongestItem() {
        EncodedBatch batch = english.encodeBatch(List.of("hello world", "hello"));
        assertEquals(4, batch.length());
        assertArrayEquals(new long[] {101, 7592, 2088, 102, 101, 7592, 102, 0}, batch.tokenIds());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1, 1, 0}, batch.attentionMask());
    }

    @Test
    void tokenizerFileWithoutVocabularyIsRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"model\": {\"type\": \"BPE\"}}", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> BertTokenizer.fromFile(file, 32));
        assertTrue(e.getMessage().contains("model.vocab"), e.getMessage());
        Files.writeString(file, "{not json", StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> BertTokenizer.fromFile(file, 32));
    }
}

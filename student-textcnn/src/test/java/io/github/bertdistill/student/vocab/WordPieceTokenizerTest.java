package io.github.bertdistill.student.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordPieceTokenizerTest {
    private static final List<String> TOKENS =
            List.of(
                    "[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "want", "##ed",
                    "runn", "##ing", ",", "!", "hello", "world", "世", "界", "cafe", "a", "##b");

    @TempDir Path temp;

    @Test
    void basicTokenisationFollowsBert() {
        BasicTokenizer uncased = new BasicTokenizer(true);
        assertEquals(
                List.of("hello", ",", "world", "!", "世", "界", "cafe"),
                uncased.tokenize(" Héllo,World!\t世界 Café\u0000"));
        assertEquals(
                List.of("Hello", "(", "x", ")", "Ünï"),
                new BasicTokenizer(false).tokenize("Hello(x) Ünï"));
        assertEquals(List.of(), uncased.tokenize(""));
        assertEquals(List.of(), uncased.tokenize(" \n\u200b\t"));
        // control, format and private-use characters are removed, not split on (as HF's
        // clean_text)
        assertEquals(List.of("ab", "世"), uncased.tokenize("a\uE404b\u0007 世\uE844"));
        // line and paragraph separators split words, as in HF's BertPreTokenizer
        assertEquals(List.of("a", "b", "c"), uncased.tokenize("a\u2028b\u2029c"));
    }

    @Test
    void greedyLongestMatchFirst() {
        WordPieceTokenizer tokenizer = new WordPieceTokenizer(Vocabulary.of(TOKENS), true);
        assertEquals(
                List.of("un", "##aff", "##able", ",", "runn", "##ing", "[UNK]", "!"),
                tokenizer.tokenize("UNaffable, running xyz!"));
        assertEquals(List.of("want", "##ed"), tokenizer.tokenize("wanted"));
        // a word that cannot be covered completely is a single [UNK]
        assertEquals(List.of("[UNK]"), tokenizer.tokenize("wantx"));
        assertEquals(List.of("a", "##b", "##b"), tokenizer.tokenize("abb"));
        assertEquals(List.of("[UNK]"), tokenizer.tokenize("a".repeat(101)));
    }

    @Test
    void readsVocabTxtAndTokenizerJson() throws IOException {
        Path txt = temp.resolve("vocab.txt");
        Files.writeString(txt, String.join("\n", TOKENS) + "\n");
        StudentVocabulary fromTxt = StudentVocabulary.wordPiece(txt);
        assertEquals(VocabularyKind.WORDPIECE, fromTxt.kind());
        assertEquals(TOKENS.size(), fromTxt.size());
        assertEquals(0, fromTxt.vocabulary().padId());
        assertEquals(1, fromTxt.vocabulary().unkId());
        assertArrayEquals(new int[] {4, 5, 6}, fromTxt.ids("unaffable"));

        StringBuilder vocab = new StringBuilder();
        for (int i = TOKENS.size() - 1; i >= 0; i--) {
            vocab.append(i == TOKENS.size() - 1 ? "" : ",")
                    .append('"')
                    .append(TOKENS.get(i).replace("\\", "\\\\"))
                    .append("\":")
                    .append(i);
        }
        Path json = temp.resolve("tokenizer.json");
        Files.writeString(
                json,
                "{\"normalizer\":{\"type\":\"BertNormalizer\",\"lowercase\":false},"
                        + "\"model\":{\"type\":\"WordPiece\",\"unk_token\":\"[UNK]\",\"vocab\":{"
                        + vocab
                        + "}}}");
        StudentVocabulary fromJson = StudentVocabulary.wordPiece(json);
        assertEquals(fromTxt.vocabulary(), fromJson.vocabulary());
        assertFalse(fromJson.lowerCase());
        assertArrayEquals(new int[] {1}, fromJson.ids("UNaffable"));
    }

    @Test
    void rejectsVocabulariesWithoutPadOrUnk() throws IOException {
        Path txt = temp.resolve("vocab.txt");
        Files.writeString(txt, "[PAD]\nhello\n");
        IOException e = assertThrows(IOException.class, () -> StudentVocabulary.wordPiece(txt));
        assertTrue(e.getMessage().contains("[UNK]"), e.getMessage());
    }
}

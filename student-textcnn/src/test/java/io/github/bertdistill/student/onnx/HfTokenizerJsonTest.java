package io.github.bertdistill.student.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.student.Fixtures;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WordPiece student's {@code tokenizer.json}, read by the Hugging Face tokenizers library, gives
 * the student's own token ids on MiniLM's vocabulary, for texts that exercise every rule.
 */
class HfTokenizerJsonTest {
    private static final int MAX_LENGTH = 24;
    private static final List<String> TEXTS =
            List.of(
                    "A wonderful, moving film.",
                    "Héllo Wörld — naïve café!",
                    "用iPhone拍照 東京タワー",
                    "don't stop (believing) 9.5/10 €5",
                    "unaffable antidisestablishmentarianism " + "x".repeat(120),
                    "tabs\tand\nnew lines\u00a0and\u200bzero width",
                    "emoji 😀 and symbols ™ ©",
                    "",
                    "a very long text that goes on and on well beyond the twenty four tokens the"
                            + " student keeps, so truncation shows");

    @TempDir Path folder;

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @Test
    void theTokenizersLibraryEncodesAsTheStudent() throws Exception {
        Path minilm = folder.resolve("minilm-tokenizer.json");
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, minilm);
        }
        StudentVocabulary vocabulary = StudentVocabulary.wordPiece(minilm);
        Path exported = folder.resolve("tokenizer.json");
        Files.writeString(exported, HfTokenizerJson.of(vocabulary, MAX_LENGTH).orElseThrow());
        try (HuggingFaceTokenizer tokenizer =
                HuggingFaceTokenizer.builder().optTokenizerPath(exported).build()) {
            for (String text : TEXTS) {
                int[] ids = vocabulary.ids(text);
                long[] expected = Arrays.stream(ids).limit(MAX_LENGTH).mapToLong(i -> i).toArray();
                Encoding encoding = tokenizer.encode(text, false, false);
                assertArrayEquals(expected, encoding.getIds(), text);
            }
        }
    }

    @Test
    void wordAndCharacterStudentsHaveNone() {
        assertTrue(HfTokenizerJson.of(Fixtures.words(), MAX_LENGTH).isEmpty());
    }
}

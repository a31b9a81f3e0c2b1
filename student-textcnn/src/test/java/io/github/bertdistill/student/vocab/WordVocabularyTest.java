package io.github.bertdistill.student.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordVocabularyTest {
    private static final List<String> TEXTS =
            List.of("The cat sat.", "the dog sat!", "A cat, a dog; THE end.", "Zebra");

    @Test
    void tokenisationRuleIsWordsAndSinglePunctuation() {
        assertEquals(
                List.of(
                        "don", "'", "t", "stop", "—", "it", "'", "s", "9", ".", "5", "/", "10",
                        "!"),
                new WordTokenizer(true).tokenize("Don't stop—it's 9.5/10!"));
        assertEquals(List.of("Café", "Über"), new WordTokenizer(false).tokenize(" Café\tÜber\n"));
        // the shared core rule: ideographs alone, kana in words, marks with their character
        assertEquals(
                List.of("用", "iphone", "拍", "照", "これはペンです", "1\uFE0F\u20E3"),
                new WordTokenizer(true).tokenize("用iPhone拍照 これはペンです 1\uFE0F\u20E3"));
    }

    @Test
    void buildsByFrequencyThenTokenWithPadAndUnkFirst() {
        StudentVocabulary vocabulary = StudentVocabulary.wordBuilder().build(TEXTS);
        assertEquals(
                List.of(
                        "[PAD]", "[UNK]", "the", ".", "a", "cat", "dog", "sat", "!", ",", ";",
                        "end", "zebra"),
                vocabulary.vocabulary().tokens());
        assertArrayEquals(new int[] {2, 5, 1, 3}, vocabulary.ids("The cat ran."));
    }

    @Test
    void honoursMinimumFrequencyMaximumSizeAndCase() {
        StudentVocabulary frequent =
                StudentVocabulary.wordBuilder().optMinFrequency(2).build(TEXTS);
        assertEquals(
                List.of("[PAD]", "[UNK]", "the", ".", "a", "cat", "dog", "sat"),
                frequent.vocabulary().tokens());
        StudentVocabulary small = StudentVocabulary.wordBuilder().optMaxSize(4).build(TEXTS);
        assertEquals(List.of("[PAD]", "[UNK]", "the", "."), small.vocabulary().tokens());
        StudentVocabulary cased =
                StudentVocabulary.wordBuilder().optLowerCase(false).optMinFrequency(2).build(TEXTS);
        assertEquals(
                List.of("[PAD]", "[UNK]", ".", "cat", "dog", "sat"), cased.vocabulary().tokens());
    }

    @Test
    void buildingIsDeterministicWhateverTheOrderOfTexts() {
        List<String> texts = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 300; i++) {
            texts.add("w" + random.nextInt(40) + " w" + random.nextInt(40) + " end");
        }
        StudentVocabulary first = StudentVocabulary.wordBuilder().build(texts);
        Collections.shuffle(texts, new Random(9));
        StudentVocabulary second = StudentVocabulary.wordBuilder().build(texts);
        assertEquals(first.vocabulary(), second.vocabulary());
        assertEquals(first.vocabulary().toText(), second.vocabulary().toText());
    }
}

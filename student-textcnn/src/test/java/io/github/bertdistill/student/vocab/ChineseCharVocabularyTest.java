package io.github.bertdistill.student.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChineseCharVocabularyTest {
    private static final List<String> TEXTS = List.of("这家酒店很好，服务很好！", "房间很小 WiFi 不好", "很好吃");

    @Test
    void everyIdeographIsAToken() {
        assertEquals(
                List.of("房", "间", "很", "小", "wifi", "不", "好", "5", "星", "!"),
                new ChineseCharTokenizer(true, false).tokenize("房间很小 WiFi 不好 5星!"));
        assertEquals(
                List.of("很", "很好", "好", "，", "吃"),
                new ChineseCharTokenizer(true, true).tokenize("很好，吃"));
        // no bigram across whitespace; an invisible zero-width space is no whitespace
        assertEquals(
                List.of("很", "好", "很", "很好", "好"),
                new ChineseCharTokenizer(true, true).tokenize("很 好 很\u200B好"));
    }

    @Test
    void buildsACharacterVocabulary() {
        StudentVocabulary chars = StudentVocabulary.chineseCharBuilder().build(TEXTS);
        assertEquals(VocabularyKind.CHINESE_CHAR, chars.kind());
        List<String> tokens = chars.vocabulary().tokens();
        // 好 and 很 both appear 4 times: ties are broken by the token (好 U+597D < 很 U+5F88)
        assertEquals(List.of("[PAD]", "[UNK]", "好", "很"), tokens.subList(0, 4));
        assertEquals(tokens.indexOf("很"), chars.ids("很")[0]);
        assertArrayEquals(new int[] {3, 2, 1}, chars.ids("很好龍"));
    }

    @Test
    void bigramsSitBetweenTheirCharactersAndUnknownBigramsAreDropped() {
        StudentVocabulary bigrams =
                StudentVocabulary.chineseCharBuilder()
                        .optBigrams(true)
                        .optMinFrequency(2)
                        .build(TEXTS);
        Vocabulary v = bigrams.vocabulary();
        assertEquals(List.of("[PAD]", "[UNK]", "好", "很", "很好"), v.tokens());
        // 很 很好 好 | 好吃 unknown → dropped | 吃 unknown → [UNK]
        assertArrayEquals(
                new int[] {v.id("很"), v.id("很好"), v.id("好"), v.unkId()}, bigrams.ids("很好吃"));
    }
}

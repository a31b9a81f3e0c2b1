package io.github.bertdistill.distill.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bertdistill.distill.augment.SimpleTokenizer.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleTokenizerTest {
    private static List<String> texts(String text) {
        return SimpleTokenizer.tokenize(text).stream().map(Token::text).toList();
    }

    @Test
    void splitsLatinTextAtSpacesAndPunctuation() {
        assertEquals(
                List.of("Don", "'", "t", "stop", ",", "café", "42", "!"),
                texts("Don't  stop, café 42!"));
        assertEquals("Don't stop, café 42!", roundTrip("  Don't \t stop, café 42!\n"));
    }

    @Test
    void givesEveryChineseCharacterItsOwnTokenAndKeepsItUnspaced() {
        assertEquals(List.of("我", "爱", "北", "京", "！"), texts("我爱北京！"));
        assertEquals("我爱北京！", roundTrip("我爱北京！"));
        assertEquals(List.of("用", "iPhone", "拍", "照"), texts("用iPhone拍照"));
        assertEquals("用iPhone拍照", roundTrip("用iPhone拍照"));
    }

    @Test
    void keepsBracketedSpecialTokensWhole() {
        assertEquals(List.of("我", "[UNK]", "你"), texts("我[UNK]你"));
        assertEquals(List.of("a", "[MASK]", "[", "x"), texts("a [MASK] [x"));
    }

    @Test
    void followsTheSharedWordRuleForKanaMarksAndInvisibleCharacters() {
        // kana are letters, as for BERT and the student's vocabularies (no longer one token each)
        assertEquals(List.of("東", "京", "タワーへ", "行", "く"), texts("東京タワーへ行く"));
        // enclosing marks stay with their character (no longer a token of their own)
        String keycaps = "1\uFE0F\u20E3 [MASK] a\u20DD!";
        assertEquals(List.of("1\uFE0F\u20E3", "[MASK]", "a\u20DD", "!"), texts(keycaps));
        assertEquals(keycaps, roundTrip(keycaps));
        // invisible characters are dropped (no longer tokens)
        assertEquals(List.of("hello", "world"), texts("\uFEFFhello\u200B world"));
    }

    @Test
    void aBlankTextHasNoTokens() {
        assertEquals(List.of(), texts(" \t\n"));
    }

    private static String roundTrip(String text) {
        return SimpleTokenizer.detokenize(SimpleTokenizer.tokenize(text));
    }
}

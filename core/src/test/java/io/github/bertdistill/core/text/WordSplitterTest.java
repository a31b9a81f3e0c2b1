package io.github.bertdistill.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bertdistill.core.text.WordSplitter.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordSplitterTest {
    private static List<String> texts(String text) {
        return WordSplitter.split(text).stream().map(Token::text).toList();
    }

    @Test
    void wordsAreRunsOfLettersAndDigitsAndEveryOtherCharacterIsAToken() {
        assertEquals(
                List.of(
                        "Don", "'", "t", "stop", "—", "it", "’", "s", "9", ".", "5", "/", "10",
                        "!"),
                texts("Don't stop—it’s 9.5/10!"));
        assertEquals(List.of("iPhone15", "x", "²", "5", "€", "Ⅻ"), texts("iPhone15 x² 5€ Ⅻ"));
        assertEquals(List.of("great", "😀", "😀"), texts("great😀😀"));
    }

    @Test
    void tokensKnowWhereTheyStartAndWhetherWhitespacePrecedesThem() {
        assertEquals(
                List.of(
                        new Token("Don", 2, false),
                        new Token("'", 5, false),
                        new Token("t", 6, false),
                        new Token("stop", 10, true),
                        new Token(",", 14, false),
                        new Token("𝐀𝐁", 16, true)),
                WordSplitter.split("  Don't \t stop, 𝐀𝐁\n"));
    }

    @Test
    void everyCjkIdeographIsATokenOfItsOwn() {
        assertEquals(List.of("我", "爱", "北", "京", "！"), texts("我爱北京！"));
        assertEquals(List.of("用", "iPhone", "拍", "照"), texts("用iPhone拍照"));
        assertEquals(List.of("𠀀", "𠀁", "豈"), texts("𠀀𠀁豈"));
    }

    @Test
    void kanaAndHangulAreLettersAsInBert() {
        // the augmentation's old rule gave every kana a token of its own
        assertEquals(List.of("これはペンです"), texts("これはペンです"));
        assertEquals(List.of("東", "京", "タワーへ", "行", "く"), texts("東京タワーへ行く"));
        assertEquals(List.of("한국어", "좋아요"), texts("한국어 좋아요"));
        assertEquals(List.of("Привет", ",", "мир"), texts("Привет, мир"));
    }

    @Test
    void combiningAndEnclosingMarksStayWithTheCharacterBeforeThem() {
        assertEquals(List.of("e\u0301clair", "na\u0308ive"), texts("e\u0301clair na\u0308ive"));
        // enclosing marks (Me): the augmentation's old rule made U+20E3 and U+20DD tokens
        assertEquals(List.of("1\uFE0F\u20E3", "a\u20DD"), texts("1\uFE0F\u20E3 a\u20DD"));
        assertEquals(List.of("#\uFE0F\u20E3", "❤\uFE0F", "!"), texts("#\uFE0F\u20E3❤\uFE0F!"));
        assertEquals(List.of("好\uDB40\uDD00", "吃"), texts("好\uDB40\uDD00吃"));
        assertEquals(List.of("\u0301x", "y"), texts(" \u0301x y"));
        assertEquals(List.of("क्षत्रिय", "ไทย"), texts("क्षत्रिय ไทย"));
    }

    @Test
    void whitespaceSeparatesAndInvisibleCharactersVanish() {
        assertEquals(List.of("a", "b", "c", "d", "e"), texts("a\u00A0b\u2028c\u3000d\te"));
        assertEquals(List.of("cooperate", "ab", "x"), texts("co\u00ADoperate a\u200Bb\u0000 x"));
        List<Token> tokens = WordSplitter.split("\uFEFF\u200Dhi \u200B!");
        assertEquals(List.of(new Token("hi", 2, false), new Token("!", 6, true)), tokens);
        assertEquals(List.of("x", "y"), texts("x\uFFFD\uE000 y"));
    }

    @Test
    void anEmptyOrBlankTextHasNoTokens() {
        assertEquals(List.of(), WordSplitter.split(""));
        assertEquals(List.of(), WordSplitter.split(" \t\n\u00A0\u200B"));
    }
}

package io.github.bertdistill.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule by which bert-distill splits text into words: the student's word and Chinese
 * character vocabularies and the transfer-set augmentation all see the same tokens. It follows
 * BERT's basic tokenizer (the teacher's pre-tokenisation) in what separates tokens, what is removed
 * and how CJK ideographs and kana are treated; unlike BERT, every symbol ({@code €}, emoji), not
 * only punctuation, is a token of its own, so that a word vocabulary does not learn {@code 5€} or
 * {@code great😀} as words.
 *
 * <ul>
 *   <li><b>Words.</b> A word is a maximal run of letters (any script: Latin, Cyrillic, kana,
 *       Hangul, …) and decimal digits: {@code iPhone15}, {@code café}, {@code ペンです}, {@code 한국어}.
 *   <li><b>CJK ideographs</b> ({@link CharClasses#isCjkIdeograph}) are each a token of their own,
 *       as BERT splits them: {@code 用iPhone拍照} → {@code 用 iPhone 拍 照}. Kana are letters, not
 *       ideographs: {@code 東京タワー} → {@code 東 京 タワー}, as in BERT.
 *   <li><b>Combining marks</b> (non-spacing Mn, spacing Mc and enclosing Me) belong to the
 *       character before them and stay in its token, whatever it is: {@code e} + U+0301 stays in
 *       its word, the keycap {@code 1} U+FE0F U+20E3 and the emoji {@code ❤} U+FE0F are one token
 *       each. A mark with nothing before it (at the start or after whitespace) starts a word.
 *   <li><b>Every other visible character</b> is a token of its own: punctuation, apostrophes
 *       included ({@code don't} → {@code don ' t}), symbols and emoji, and numbers other than
 *       decimal digits ({@code x²} → {@code x ²}; {@code 9.5} → {@code 9 . 5}).
 *   <li><b>Whitespace</b> ({@link CharClasses#isWhitespace}) separates tokens and is dropped.
 *   <li><b>Invisible characters</b> ({@link CharClasses#isIgnored}: other control characters,
 *       zero-width joiners and spaces, the soft hyphen, the byte order mark, …) are dropped without
 *       separating anything, as BERT's {@code clean_text} removes them: {@code co}U+00AD{@code
 *       operate} is the word {@code cooperate}.
 * </ul>
 *
 * <p>Text is neither case-folded nor normalised; callers lower-case if they want. An empty or blank
 * text has no tokens.
 */
public final class WordSplitter {

    /**
     * A token of the text.
     *
     * @param text its characters, invisible ones removed
     * @param start the index in the text of its first character
     * @param spaceBefore whether whitespace separates it from the previous token (never for the
     *     first token)
     */
    public record Token(String text, int start, boolean spaceBefore) {}

    private WordSplitter() {}

    /** The tokens of {@code text}, in order. */
    public static List<Token> split(String text) {
        List<Token> tokens = new ArrayList<>();
        boolean space = false;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int start = i;
            i += Character.charCount(c);
            if (CharClasses.isIgnored(c)) {
                continue;
            }
            if (CharClasses.isWhitespace(c)) {
                space = true;
                continue;
            }
            StringBuilder token = new StringBuilder().appendCodePoint(c);
            boolean word = isWordChar(c) || CharClasses.isMark(c);
            while (i < text.length()) {
                int next = text.codePointAt(i);
                if (CharClasses.isMark(next) || (word && isWordChar(next))) {
                    token.appendCodePoint(next);
                } else if (!CharClasses.isIgnored(next)) {
                    break;
                }
                i += Character.charCount(next);
            }
            tokens.add(new Token(token.toString(), start, space && !tokens.isEmpty()));
            space = false;
        }
        return tokens;
    }

    /** Letters and decimal digits, CJK ideographs excepted. */
    private static boolean isWordChar(int c) {
        return Character.isLetterOrDigit(c) && !CharClasses.isCjkIdeograph(c);
    }
}

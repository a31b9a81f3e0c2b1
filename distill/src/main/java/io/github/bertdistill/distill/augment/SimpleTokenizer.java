package io.github.bertdistill.distill.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokenisation augmentation works on; deliberately simple and independent of any model's
 * tokenizer:
 *
 * <ul>
 *   <li>a run of letters, digits and combining marks is one token ({@code don't} is {@code don},
 *       {@code '}, {@code t});
 *   <li>every Han, Hiragana or Katakana character is a token of its own (Chinese is not segmented
 *       into words);
 *   <li>a special token in brackets, such as {@code [MASK]} or {@code [UNK]}, is one token, so a
 *       masked text tokenises back to the same tokens;
 *   <li>every other non-space character (punctuation, symbols) is a token of its own;
 *   <li>whitespace separates tokens and is not kept, except that each token remembers whether
 *       whitespace preceded it.
 * </ul>
 *
 * {@link #detokenize} puts one space wherever the source had whitespace, so an unchanged token
 * sequence gives back the text with its whitespace runs collapsed to single spaces and trimmed, and
 * Chinese stays unspaced.
 */
public final class SimpleTokenizer {
    private static final Pattern SPECIAL = Pattern.compile("\\[[A-Za-z_]+]");

    /** A token and whether whitespace came before it in the text. */
    public record Token(String text, boolean spaceBefore) {
        /** The same position holding another text. */
        public Token withText(String replacement) {
            return new Token(replacement, spaceBefore);
        }
    }

    private SimpleTokenizer() {}

    /** The tokens of {@code text}; empty for a blank text. */
    public static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher special = SPECIAL.matcher(text);
        int i = 0;
        boolean space = false;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = true;
                i += Character.charCount(cp);
                continue;
            }
            int end = i + Character.charCount(cp);
            if (special.region(i, text.length()).lookingAt()) {
                end = special.end();
            } else if (isWordChar(cp)) {
                while (end < text.length() && isWordChar(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
            }
            tokens.add(new Token(text.substring(i, end), space && !tokens.isEmpty()));
            space = false;
            i = end;
        }
        return tokens;
    }

    /** The text of {@code tokens}, with a space before each token that had whitespace before it. */
    public static String detokenize(List<Token> tokens) {
        StringBuilder text = new StringBuilder();
        for (Token token : tokens) {
            if (token.spaceBefore() && text.length() > 0) {
                text.append(' ');
            }
            text.append(token.text());
        }
        return text.toString();
    }

    /** Whether the code point is a Han, Hiragana or Katakana character. */
    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static boolean isWordChar(int cp) {
        if (isCjk(cp)) {
            return false;
        }
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp)
                || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}

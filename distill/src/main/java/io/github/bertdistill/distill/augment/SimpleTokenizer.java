package io.github.bertdistill.distill.augment;

import io.github.bertdistill.core.text.WordSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokenisation augmentation works on: {@code core}'s {@link WordSplitter}, the rule the
 * student's word and Chinese character vocabularies use, plus special tokens.
 *
 * <ul>
 *   <li>a run of letters and digits (kana and Hangul included, combining and enclosing marks
 *       staying with their character) is one token ({@code don't} is {@code don}, {@code '}, {@code
 *       t});
 *   <li>every CJK ideograph is a token of its own (Chinese is not segmented into words);
 *   <li>a special token in brackets, such as {@code [MASK]} or {@code [UNK]}, is one token, so a
 *       masked text tokenises back to the same tokens;
 *   <li>every other visible character (punctuation, symbols) is a token of its own;
 *   <li>whitespace separates tokens and is not kept, except that each token remembers whether
 *       whitespace preceded it; invisible characters (zero-width joiners, the byte order mark, …)
 *       are dropped.
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
        int specialEnd = 0;
        for (WordSplitter.Token word : WordSplitter.split(text)) {
            if (word.start() < specialEnd) {
                continue; // a piece of the special token just added
            }
            if (special.region(word.start(), text.length()).lookingAt()) {
                tokens.add(new Token(special.group(), word.spaceBefore()));
                specialEnd = special.end();
            } else {
                tokens.add(new Token(word.text(), word.spaceBefore()));
            }
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
}

package io.github.bertdistill.student.vocab;

import io.github.bertdistill.core.text.CharClasses;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * BERT's basic tokenisation, the step before WordPiece: remove control characters, split on
 * whitespace, put every CJK ideograph and every punctuation character in a token of its own, and
 * (for uncased vocabularies) lower-case and strip accents (Unicode NFD, combining marks removed).
 * The character classes are {@code core}'s {@link CharClasses}; punctuation is BERT's own: ASCII
 * non-alphanumerics and every Unicode punctuation category (other symbols stay inside words).
 *
 * <p>{@code "Héllo, 世界!"} → {@code [hello, ",", 世, 界, "!"]} when lower-casing.
 */
public final class BasicTokenizer implements Tokenizer {
    private final boolean lowerCase;

    /**
     * @param lowerCase lower-case and strip accents (uncased BERT vocabularies)
     */
    public BasicTokenizer(boolean lowerCase) {
        this.lowerCase = lowerCase;
    }

    @Override
    public List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (CharClasses.isIgnored(c)) {
                continue;
            }
            if (CharClasses.isWhitespace(c)) {
                flush(word, tokens);
            } else if (CharClasses.isCjkIdeograph(c) || isPunctuation(c)) {
                flush(word, tokens);
                tokens.add(normalize(Character.toString(c)));
            } else {
                word.appendCodePoint(c);
            }
        }
        flush(word, tokens);
        return tokens;
    }

    private void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            String normalized = normalize(word.toString());
            if (!normalized.isEmpty()) {
                tokens.add(normalized);
            }
            word.setLength(0);
        }
    }

    /** ASCII non-alphanumerics (as BERT does) and every Unicode punctuation category. */
    private static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47)
                || (c >= 58 && c <= 64)
                || (c >= 91 && c <= 96)
                || (c >= 123 && c <= 126)) {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION:
            case Character.DASH_PUNCTUATION:
            case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION:
            case Character.INITIAL_QUOTE_PUNCTUATION:
            case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /** When uncased: lower-cases with the root locale and removes accents (NFD, drop marks). */
    private String normalize(String token) {
        if (!lowerCase) {
            return token;
        }
        String s = token.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 128;
        }
        if (ascii) {
            return s;
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed
                .codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}

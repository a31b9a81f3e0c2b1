package io.github.bertdistill.student.vocab;

import java.util.ArrayList;
import java.util.List;

/**
 * BERT's basic tokenisation, the step before WordPiece: remove control characters, split on
 * whitespace, put every CJK ideograph and every punctuation character in a token of its own, and
 * (for uncased vocabularies) lower-case and strip accents (Unicode NFD, combining marks removed).
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
            } else if (CharClasses.isCjk(c) || CharClasses.isPunctuation(c)) {
                flush(word, tokens);
                tokens.add(CharClasses.normalize(Character.toString(c), lowerCase, lowerCase));
            } else {
                word.appendCodePoint(c);
            }
        }
        flush(word, tokens);
        return tokens;
    }

    private void flush(StringBuilder word, List<String> tokens) {
        if (word.length() > 0) {
            String normalized = CharClasses.normalize(word.toString(), lowerCase, lowerCase);
            if (!normalized.isEmpty()) {
                tokens.add(normalized);
            }
            word.setLength(0);
        }
    }
}

package io.github.bertdistill.student.vocab;

import io.github.bertdistill.core.text.WordSplitter;
import java.util.List;
import java.util.Locale;

/**
 * The word vocabulary's rule: {@code core}'s {@link WordSplitter}, the one shared with the
 * transfer-set augmentation. A word is a maximal run of letters (kana and Hangul included) and
 * digits, combining and enclosing marks staying with their character; every CJK ideograph and every
 * other visible character (punctuation, symbols) is a token of its own; whitespace separates tokens
 * and invisible characters are dropped. With lower-casing, tokens are lower-cased with the root
 * locale (accents are kept).
 *
 * <p>{@code "Don't stop—it's 9.5/10!"} → {@code [don, ', t, stop, —, it, ', s, 9, ., 5, /, 10, !]}.
 */
public final class WordTokenizer implements Tokenizer {
    private final boolean lowerCase;

    /**
     * @param lowerCase lower-case every token
     */
    public WordTokenizer(boolean lowerCase) {
        this.lowerCase = lowerCase;
    }

    @Override
    public List<String> tokenize(String text) {
        return WordSplitter.split(text).stream()
                .map(token -> lowerCase ? token.text().toLowerCase(Locale.ROOT) : token.text())
                .toList();
    }
}

package io.github.bertdistill.student.vocab;

import java.util.List;

/**
 * The word vocabulary's rule: a word is a maximal run of letters, combining marks and digits; every
 * other non-whitespace character (punctuation, symbols) is a token of its own; whitespace and
 * control characters separate tokens and are dropped. With lower-casing, words are lower-cased with
 * the root locale (accents are kept).
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
        WordRun run = new WordRun(lowerCase);
        text.codePoints().forEach(run::add);
        return run.finish();
    }
}

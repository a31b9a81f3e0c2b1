package io.github.bertdistill.student.vocab;

import java.util.List;

/**
 * Character tokenisation for Chinese: every CJK ideograph is a token; a run of other letters or
 * digits (a Latin word, a number) is one token; every other non-whitespace character is a token of
 * its own.
 *
 * <p>With bigrams, each pair of adjacent ideographs {@code ab} is inserted between them, so a
 * kernel sees characters and their bigrams in reading order: {@code 很好吃} → {@code [很, 很好, 好, 好吃,
 * 吃]}. Bigrams missing from the vocabulary are {@linkplain #dropIfUnknown dropped} rather than
 * mapped to {@code [UNK]}.
 */
public final class ChineseCharTokenizer implements Tokenizer {
    private final boolean lowerCase;
    private final boolean bigrams;

    /**
     * @param lowerCase lower-case non-CJK words
     * @param bigrams insert character bigrams between adjacent ideographs
     */
    public ChineseCharTokenizer(boolean lowerCase, boolean bigrams) {
        this.lowerCase = lowerCase;
        this.bigrams = bigrams;
    }

    @Override
    public List<String> tokenize(String text) {
        WordRun run = new WordRun(lowerCase);
        int previousCjk = -1;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!CharClasses.isCjk(c)) {
                previousCjk = -1;
                run.add(c);
                continue;
            }
            if (bigrams && previousCjk >= 0) {
                run.addToken(
                        new StringBuilder()
                                .appendCodePoint(previousCjk)
                                .appendCodePoint(c)
                                .toString());
            }
            run.addToken(Character.toString(c));
            previousCjk = c;
        }
        return run.finish();
    }

    @Override
    public boolean dropIfUnknown(String token) {
        return bigrams
                && token.codePointCount(0, token.length()) == 2
                && token.codePoints().allMatch(CharClasses::isCjk);
    }
}

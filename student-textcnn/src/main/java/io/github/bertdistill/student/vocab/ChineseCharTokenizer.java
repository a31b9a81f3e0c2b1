package io.github.bertdistill.student.vocab;

import io.github.bertdistill.core.text.CharClasses;
import io.github.bertdistill.core.text.WordSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Character tokenisation for Chinese, by {@code core}'s {@link WordSplitter} (the rule of the word
 * vocabulary and of the augmentation): every CJK ideograph is a token; a run of other letters or
 * digits (a Latin word, a number) is one token; every other visible character is a token of its
 * own.
 *
 * <p>With bigrams, each pair of adjacent ideographs {@code ab} (no whitespace between them) is
 * inserted between them, so a kernel sees characters and their bigrams in reading order: {@code
 * 很好吃} → {@code [很, 很好, 好, 好吃, 吃]}. Bigrams missing from the vocabulary are {@linkplain
 * #dropIfUnknown dropped} rather than mapped to {@code [UNK]}.
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
        List<String> tokens = new ArrayList<>();
        String previous = null;
        for (WordSplitter.Token token : WordSplitter.split(text)) {
            String current = token.text();
            if (bigrams
                    && previous != null
                    && !token.spaceBefore()
                    && isIdeograph(previous)
                    && isIdeograph(current)) {
                tokens.add(previous + current);
            }
            tokens.add(lowerCase ? current.toLowerCase(Locale.ROOT) : current);
            previous = current;
        }
        return tokens;
    }

    @Override
    public boolean dropIfUnknown(String token) {
        return bigrams
                && token.codePointCount(0, token.length()) == 2
                && token.codePoints().allMatch(CharClasses::isCjkIdeograph);
    }

    /** Whether a token is one CJK ideograph (and nothing else, such as a variation selector). */
    private static boolean isIdeograph(String token) {
        return token.codePointCount(0, token.length()) == 1
                && CharClasses.isCjkIdeograph(token.codePointAt(0));
    }
}

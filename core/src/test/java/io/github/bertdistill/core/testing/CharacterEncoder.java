package io.github.bertdistill.core.testing;

import io.github.bertdistill.core.model.EncodedText;
import io.github.bertdistill.core.model.TextEncoder;
import java.util.function.IntUnaryOperator;

/**
 * A test encoder with one token per character: tiny models in the tests of every module read its
 * ids. Shipped in core's test jar.
 */
public final class CharacterEncoder implements TextEncoder {
    /** Vocabulary size of {@link #lowercaseLetters}: padding, a..z, and "anything else". */
    public static final int LETTER_VOCABULARY = 28;

    private final int maxLength;
    private final IntUnaryOperator idOfCodePoint;

    private CharacterEncoder(int maxLength, IntUnaryOperator idOfCodePoint) {
        this.maxLength = maxLength;
        this.idOfCodePoint = idOfCodePoint;
    }

    /** Token id = the character's code point; padding 0. */
    public static CharacterEncoder codePoints(int maxLength) {
        return new CharacterEncoder(maxLength, c -> c);
    }

    /** a..z → 1..26, any other character 27, padding 0. */
    public static CharacterEncoder lowercaseLetters(int maxLength) {
        return new CharacterEncoder(
                maxLength, c -> c >= 'a' && c <= 'z' ? c - 'a' + 1 : LETTER_VOCABULARY - 1);
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public long padId() {
        return 0;
    }

    @Override
    public EncodedText encode(String text) {
        long[] ids = text.codePoints().limit(maxLength).map(idOfCodePoint).asLongStream().toArray();
        return EncodedText.of(ids, text.codePointCount(0, text.length()));
    }
}

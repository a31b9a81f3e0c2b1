package io.github.bertdistill.core.model;

/**
 * One text turned into token ids by a {@link TextEncoder}.
 *
 * @param tokenIds the ids, special tokens included, at most the encoder's maximum length
 * @param tokenTypeIds segment ids of the same length (all zero for single-sentence input)
 * @param untruncatedLength how many tokens the text had before truncation
 */
public record EncodedText(long[] tokenIds, long[] tokenTypeIds, int untruncatedLength) {

    /** Validates that ids and type ids have the same length. */
    public EncodedText {
        if (tokenIds.length != tokenTypeIds.length) {
            throw new IllegalArgumentException(
                    "token ids ("
                            + tokenIds.length
                            + ") and type ids ("
                            + tokenTypeIds.length
                            + ") differ in length");
        }
    }

    /** An encoding without segment information (all type ids zero). */
    public static EncodedText of(long[] tokenIds, int untruncatedLength) {
        return new EncodedText(tokenIds, new long[tokenIds.length], untruncatedLength);
    }

    /** Number of tokens kept. */
    public int length() {
        return tokenIds.length;
    }

    /** Whether tokens were cut off to fit the maximum length. */
    public boolean truncated() {
        return untruncatedLength > tokenIds.length;
    }
}

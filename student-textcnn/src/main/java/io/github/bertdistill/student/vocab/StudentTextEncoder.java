package io.github.bertdistill.student.vocab;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.bertdistill.core.model.EncodedText;
import io.github.bertdistill.core.model.TextEncoder;
import java.util.Objects;

/**
 * The student's {@link TextEncoder}: tokens of its {@link StudentVocabulary}, no special tokens,
 * truncated to {@code maxLength}, padded with {@code [PAD]} to at least {@code minBatchLength} (the
 * widest kernel, so every convolution has one window).
 *
 * <p>An empty text, or one whose tokens are all dropped, encodes to zero tokens; the TextCNN gives
 * it the well-defined logits of an all-padding input. Thread-safe.
 */
public final class StudentTextEncoder implements TextEncoder {
    private final StudentVocabulary vocabulary;
    private final int maxLength;
    private final int minBatchLength;

    /**
     * @param vocabulary the vocabulary and its tokenisation
     * @param maxLength the most tokens kept per text
     * @param minBatchLength the shortest padded length (the widest kernel), at most {@code
     *     maxLength}
     */
    public StudentTextEncoder(StudentVocabulary vocabulary, int maxLength, int minBatchLength) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        checkArgument(maxLength >= 1, "maxLength must be >= 1, got %s", maxLength);
        checkArgument(
                minBatchLength >= 1 && minBatchLength <= maxLength,
                "minBatchLength must be in [1, maxLength=%s], got %s",
                maxLength,
                minBatchLength);
        this.maxLength = maxLength;
        this.minBatchLength = minBatchLength;
    }

    /** The vocabulary. */
    public StudentVocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public long padId() {
        return vocabulary.vocabulary().padId();
    }

    @Override
    public int minBatchLength() {
        return minBatchLength;
    }

    @Override
    public EncodedText encode(String text) {
        Objects.requireNonNull(text, "text");
        int[] ids = vocabulary.ids(text);
        int kept = Math.min(ids.length, maxLength);
        long[] tokenIds = new long[kept];
        for (int i = 0; i < kept; i++) {
            tokenIds[i] = ids[i];
        }
        return EncodedText.of(tokenIds, ids.length);
    }

    @Override
    public String toString() {
        return "StudentTextEncoder{"
                + vocabulary
                + ", maxLength="
                + maxLength
                + ", minBatchLength="
                + minBatchLength
                + "}";
    }
}

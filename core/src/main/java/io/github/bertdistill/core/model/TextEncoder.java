package io.github.bertdistill.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into the token ids a model reads: a BERT WordPiece tokenizer, or a TextCNN student's
 * word or character vocabulary.
 *
 * <p>Texts longer than {@link #maxLength()} tokens are truncated (the {@link EncodedText} says so);
 * batches are padded dynamically to their longest item. Teacher and student each own their encoder:
 * one example is tokenised independently by both.
 */
public interface TextEncoder {

    /** The most tokens an encoded text may have, special tokens included. */
    int maxLength();

    /** The id used for padding. */
    long padId();

    /** The shortest length a padded batch may have (1 unless the model needs more). */
    default int minBatchLength() {
        return 1;
    }

    /** Encodes one text, truncating it to {@link #maxLength()}. */
    EncodedText encode(String text);

    /** Encodes and pads a batch of texts. */
    default EncodedBatch encodeBatch(List<String> texts) {
        List<EncodedText> encoded = new ArrayList<>(texts.size());
        for (String text : texts) {
            encoded.add(encode(text));
        }
        return EncodedBatch.pad(encoded, padId(), minBatchLength());
    }
}

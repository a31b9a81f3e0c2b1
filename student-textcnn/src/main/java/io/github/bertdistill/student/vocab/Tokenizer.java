package io.github.bertdistill.student.vocab;

import java.util.List;

/**
 * Splits a text into the string tokens a {@link Vocabulary} maps to ids. Implementations are
 * immutable and thread-safe.
 */
public interface Tokenizer {

    /** The tokens of {@code text}, in order; an empty list for a text without tokens. */
    List<String> tokenize(String text);

    /**
     * Whether an out-of-vocabulary {@code token} is dropped instead of becoming {@code [UNK]}: true
     * for optional features such as character bigrams, whose absence carries no information.
     */
    default boolean dropIfUnknown(String token) {
        return false;
    }
}

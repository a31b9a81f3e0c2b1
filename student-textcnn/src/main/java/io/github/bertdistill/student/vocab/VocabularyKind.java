package io.github.bertdistill.student.vocab;

/** The three ways a student tokenises text. */
public enum VocabularyKind {
    /**
     * The teacher's WordPiece vocabulary: shared tokenisation, teacher embeddings can be reused.
     */
    WORDPIECE,
    /** Words built from the training and transfer texts ({@link WordTokenizer}). */
    WORD,
    /** Chinese characters, optionally with character bigrams ({@link ChineseCharTokenizer}). */
    CHINESE_CHAR
}

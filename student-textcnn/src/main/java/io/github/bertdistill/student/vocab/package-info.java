/**
 * Student vocabularies and tokenisation, in plain Java: the teacher's WordPiece vocabulary (with a
 * Java {@link io.github.bertdistill.student.vocab.WordPieceTokenizer}), word vocabularies and
 * Chinese character vocabularies built from the training texts ({@link
 * io.github.bertdistill.student.vocab.StudentVocabulary}), and the student's {@code TextEncoder}
 * ({@link io.github.bertdistill.student.vocab.StudentTextEncoder}).
 */
package io.github.bertdistill.student.vocab;

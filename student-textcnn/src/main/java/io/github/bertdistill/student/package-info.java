/**
 * The TextCNN student (Kim 2014, "Convolutional Neural Networks for Sentence Classification"), its
 * word, character and WordPiece vocabularies, and embedding initialisation from a teacher. Depends
 * only on {@code core}.
 *
 * <ul>
 *   <li>{@link io.github.bertdistill.student.model}: the config, the DJL block and the thread-safe,
 *       saveable classifier;
 *   <li>{@link io.github.bertdistill.student.vocab}: vocabularies, tokenizers (WordPiece, words,
 *       Chinese characters) and the student's text encoder;
 *   <li>{@link io.github.bertdistill.student.init}: random, teacher (PCA) and word-vector embedding
 *       initialisation.
 * </ul>
 */
package io.github.bertdistill.student;

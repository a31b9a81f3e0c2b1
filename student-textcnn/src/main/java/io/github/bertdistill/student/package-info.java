/**
 * The TextCNN student (Kim 2014, "Convolutional Neural Networks for Sentence Classification"), its
 * word, character and WordPiece vocabularies, and embedding initialisation from a teacher. Depends
 * only on {@code core}.
 */
package io.github.bertdistill.student;

/**
 * Initial embedding matrices for a student: random, copied or PCA-projected from the teacher's
 * word-embedding matrix, or read from word2vec/GloVe text files ({@link
 * io.github.bertdistill.student.init.EmbeddingInitializer}); the PCA and its symmetric eigen-solver
 * are computed in Java.
 */
package io.github.bertdistill.student.init;

package io.github.bertdistill.eval.quality;

/**
 * Precision, recall and F1 of one class, one-vs-rest.
 *
 * @param label the class name
 * @param precision {@code TP / (TP + FP)}, 0 when the class is never predicted
 * @param recall {@code TP / (TP + FN)}, 0 when the class never occurs
 * @param f1 {@code 2PR / (P + R)}, 0 when both are 0
 * @param support number of examples whose gold label is this class
 */
public record ClassScores(String label, double precision, double recall, double f1, int support) {}

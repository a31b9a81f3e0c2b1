/**
 * Quality of a classifier on a labelled dataset: predictions, accuracy with a bootstrap interval,
 * per-class scores, macro-F1, confusion matrix, agreement with the teacher and calibration error.
 */
package io.github.bertdistill.eval.quality;

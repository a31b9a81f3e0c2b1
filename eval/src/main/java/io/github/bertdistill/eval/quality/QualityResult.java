package io.github.bertdistill.eval.quality;

import io.github.bertdistill.eval.stats.Interval;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The quality of one model on a labelled dataset.
 *
 * @param accuracy accuracy with its percentile-bootstrap interval
 * @param macroF1 unweighted mean of the per-class F1 scores
 * @param perClass one-vs-rest scores of every class, in label order
 * @param confusion {@code confusion[gold][predicted]} counts
 * @param expectedCalibrationError ECE of the T = 1 probabilities
 * @param agreementWithTeacher fraction of examples where the model predicts the teacher's class;
 *     empty when there is no teacher
 * @param predictions the raw predictions, kept for paired tests
 */
public record QualityResult(
        Interval accuracy,
        double macroF1,
        List<ClassScores> perClass,
        int[][] confusion,
        double expectedCalibrationError,
        OptionalDouble agreementWithTeacher,
        Predictions predictions) {}

package io.github.bertdistill.distill.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The representation-distillation term ("hints", Romero et al. 2015, "FitNets"; XtremeDistil,
 * Mukherjee &amp; Awadallah 2020): the mean squared distance between the student's projected
 * features and the teacher's,
 *
 * <pre>
 *   feat_i = (1/H)·Σ_j (p_ij − h_ij)²,   p_i = W·s_i + b
 * </pre>
 *
 * where {@code s_i} are the student's features, {@code W, b} a projection trained with the student
 * and thrown away after training, and {@code h_i} the teacher's features ({@link
 * DistillationLabels#teacherFeatures}). It applies to the examples that have teacher features.
 *
 * <p>Predictions are {@code [studentLogits, projectedFeatures [B, H]]}.
 */
public final class FeatureMatchingLoss extends ExampleLoss {
    /** Index of the projected student features in the predictions. */
    public static final int PROJECTED_FEATURES = 1;

    /** The term. */
    public FeatureMatchingLoss() {
        super("feature-matching");
    }

    @Override
    public NDArray perExample(NDList labels, NDList predictions) {
        NDArray difference =
                predictions.get(PROJECTED_FEATURES).sub(DistillationLabels.teacherFeatures(labels));
        return difference.square().mean(new int[] {1}).mul(appliesTo(labels));
    }

    @Override
    public NDArray appliesTo(NDList labels) {
        return DistillationLabels.featureMask(labels);
    }
}

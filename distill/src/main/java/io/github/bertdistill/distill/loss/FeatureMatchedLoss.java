package io.github.bertdistill.distill.loss;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.github.bertdistill.core.model.Scalars;

/**
 * Distillation on logits plus representation distillation: {@code L = L_logits + β·L_features},
 * where {@code L_logits} is a {@link DistillationLoss} (a mean over the examples it counts) and
 * {@code L_features} the {@link FeatureMatchingLoss} (a mean over the examples with teacher
 * features). Predictions are {@code [studentLogits, projectedFeatures]}; labels carry the teacher
 * features ({@link DistillationLabels#withFeatures}).
 */
public final class FeatureMatchedLoss extends Loss {
    private final DistillationLoss logits;
    private final FeatureMatchingLoss features = new FeatureMatchingLoss();
    private final float weight;

    /**
     * @param logits the loss on the logits
     * @param weight {@code β > 0}, the weight of the feature term
     */
    public FeatureMatchedLoss(DistillationLoss logits, float weight) {
        super("distillation+features");
        checkArgument(weight > 0, "the feature weight must be > 0, got %s", weight);
        this.logits = logits;
        this.weight = weight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray feature = features.evaluate(labels, predictions);
        return logits.evaluate(labels, predictions).add(feature.mul(Scalars.of(feature, weight)));
    }
}

package io.github.bertdistill.core.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;

/**
 * What one forward pass of a {@link FeatureClassifier} gives for a batch: the logits and the
 * feature vectors its output layer read, one row of each per text in the batch's order.
 *
 * @param logits {@code [batch, classes]}
 * @param features {@code [batch, featureSize]}
 */
public record LogitsAndFeatures(float[][] logits, float[][] features) {
    /**
     * @throws IllegalArgumentException if the two have another number of rows
     */
    public LogitsAndFeatures {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(features, "features");
        checkArgument(
                logits.length == features.length,
                "%s rows of logits but %s rows of features",
                logits.length,
                features.length);
    }
}

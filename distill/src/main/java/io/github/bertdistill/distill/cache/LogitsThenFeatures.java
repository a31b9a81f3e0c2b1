package io.github.bertdistill.distill.cache;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.core.model.LogitsAndFeatures;
import io.github.bertdistill.core.model.TextEncoder;
import java.util.Arrays;

/**
 * A teacher seen as one row per text: its {@code C} logits followed by its {@code H} feature
 * values, both from one forward pass ({@link FeatureClassifier#logitsAndFeatures}). Whatever labels
 * a transfer set in length-bucketed batches (the {@link LogitCacheWriter}, a distributed labelling
 * job) runs the teacher once for both caches and splits each row with {@link #logits} and {@link
 * #features}.
 */
public final class LogitsThenFeatures implements EncodingClassifier {
    private final FeatureClassifier teacher;

    /**
     * @param teacher a classifier with features ({@code featureSize() > 0}); closed by its owner
     * @throws IllegalArgumentException if it gives no features
     */
    public LogitsThenFeatures(FeatureClassifier teacher) {
        if (teacher.featureSize() <= 0) {
            throw new IllegalArgumentException(
                    "the teacher gives no feature vectors, so its features cannot be matched;"
                            + " set featureWeight to 0");
        }
        this.teacher = teacher;
    }

    /** The logits of a row this classifier returned. */
    public float[] logits(float[] row) {
        return Arrays.copyOfRange(row, 0, teacher.labels().size());
    }

    /** The feature vector of a row this classifier returned. */
    public float[] features(float[] row) {
        return Arrays.copyOfRange(row, teacher.labels().size(), row.length);
    }

    /** The width {@code H} of the feature vectors. */
    public int featureSize() {
        return teacher.featureSize();
    }

    @Override
    public TextEncoder encoder() {
        return teacher.encoder();
    }

    /** The teacher's labels (the first {@code C} values of a row). */
    @Override
    public LabelSet labels() {
        return teacher.labels();
    }

    /** Rows of {@code C + H} values: the logits, then the features. */
    @Override
    public float[][] logits(EncodedBatch batch) {
        LogitsAndFeatures outputs = teacher.logitsAndFeatures(batch);
        float[][] rows = new float[batch.size()][];
        for (int i = 0; i < rows.length; i++) {
            float[] logits = outputs.logits()[i];
            float[] features = outputs.features()[i];
            rows[i] = Arrays.copyOf(logits, logits.length + features.length);
            System.arraycopy(features, 0, rows[i], logits.length, features.length);
        }
        return rows;
    }

    /** Leaves the teacher open: it belongs to the caller. */
    @Override
    public void close() {}
}

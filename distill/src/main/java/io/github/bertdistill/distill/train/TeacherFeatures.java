package io.github.bertdistill.distill.train;

import java.util.Map;
import java.util.Optional;

/**
 * The teacher's feature vectors {@code h_t} (core's {@code FeatureClassifier} features: for BERT
 * the pooled sentence vector) for training examples, looked up by example id, as {@link
 * SoftTargets} are for logits. Representation distillation ({@link MethodConfig#featureWeight()}
 * {@code > 0}) reads them; the feature cache of the label stage implements this interface.
 */
public interface TeacherFeatures {

    /** The width {@code H} of every vector. */
    int featureSize();

    /** The teacher's features of the example {@code exampleId}, or empty if there are none. */
    Optional<float[]> featuresFor(String exampleId);

    /** Features held in memory, keyed by example id (the map is read, not copied). */
    static TeacherFeatures of(int featureSize, Map<String, float[]> featuresById) {
        return new TeacherFeatures() {
            @Override
            public int featureSize() {
                return featureSize;
            }

            @Override
            public Optional<float[]> featuresFor(String exampleId) {
                return Optional.ofNullable(featuresById.get(exampleId));
            }
        };
    }
}

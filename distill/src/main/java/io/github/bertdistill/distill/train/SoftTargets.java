package io.github.bertdistill.distill.train;

import java.util.Map;
import java.util.Optional;

/**
 * The teacher's raw logits {@code z_t} for training examples, looked up by example id.
 *
 * <p>The id, never the position in a batch or file, is what ties a soft target to its text: batches
 * are shuffled and bucketed by length, so a positional lookup would silently pair texts with
 * another example's logits. A teacher-logit cache implements this interface; tests and small runs
 * can use {@link #of(Map)}. Plain fine-tuning ({@code α = 1}) uses {@link #none()}.
 */
@FunctionalInterface
public interface SoftTargets {

    /**
     * The teacher logits of the example {@code exampleId}, one per class in the label set's order,
     * or empty if the teacher has none for it.
     */
    Optional<float[]> logitsFor(String exampleId);

    /** No soft targets at all: supervised training on gold labels only. */
    static SoftTargets none() {
        return id -> Optional.empty();
    }

    /** Soft targets held in memory, keyed by example id (the map is read, not copied). */
    static SoftTargets of(Map<String, float[]> logitsById) {
        return id -> Optional.ofNullable(logitsById.get(id));
    }
}

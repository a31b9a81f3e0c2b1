package io.github.bertdistill.distill.train;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextExample;
import java.util.Map;
import java.util.Optional;

/**
 * The teacher's raw logits {@code z_t} for training examples, looked up by example id.
 *
 * <p>The id, never the position in a batch or file, is what ties a soft target to its text: batches
 * are shuffled and bucketed by length, so a positional lookup would silently pair texts with
 * another example's logits. An id alone is not enough either: ids name a file and a line, so a row
 * added to the top of a data file moves every text to another id. A source that knows the text its
 * logits were written for (a teacher-logit cache keeps a hash of it) refuses an example whose text
 * differs, and a source that knows the label order of its logits says it ({@link #labelOrder()}),
 * which the trainer checks against the classifier's. A teacher-logit cache implements this
 * interface; tests and small runs can use {@link #of(Map)}. Plain fine-tuning ({@code α = 1}) uses
 * {@link #none()}.
 */
@FunctionalInterface
public interface SoftTargets {

    /**
     * The teacher logits of {@code example}, one per class in the label set's order, or empty if
     * the teacher has none for its id.
     *
     * @throws IllegalStateException if the logits for its id were written for another text (a
     *     teacher-logit cache's {@code CacheMismatchException})
     */
    Optional<float[]> logitsFor(TextExample example);

    /**
     * The label order of the logits, when the source records it (a teacher-logit cache does); empty
     * when it does not.
     */
    default Optional<LabelSet> labelOrder() {
        return Optional.empty();
    }

    /** No soft targets at all: supervised training on gold labels only. */
    static SoftTargets none() {
        return example -> Optional.empty();
    }

    /**
     * Soft targets held in memory, keyed by example id (the map is read, not copied); their texts
     * and label order are not checked.
     */
    static SoftTargets of(Map<String, float[]> logitsById) {
        return example -> Optional.ofNullable(logitsById.get(example.id()));
    }
}

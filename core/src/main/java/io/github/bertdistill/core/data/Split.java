package io.github.bertdistill.core.data;

import java.util.Objects;

/**
 * The two disjoint parts of a dataset split by {@link Splits#stratified}: the examples to train on
 * and the examples held out to evaluate on.
 *
 * @param train the examples to train on, named {@code <name>/train}
 * @param heldOut the examples held out, named {@code <name>/held-out}
 */
public record Split(TextDataset train, TextDataset heldOut) {
    /** Rejects null parts. */
    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(heldOut, "heldOut");
    }
}

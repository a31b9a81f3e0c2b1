package io.github.bertdistill.distill.cache;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of the cache: the teacher's raw logits for the example {@code id} whose text hashed to
 * {@code textHash} (see {@link TextHash}).
 */
public record CachedLogits(String id, long textHash, float[] logits) {

    /** Checks that every field is present. */
    public CachedLogits {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(logits, "logits");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CachedLogits other
                && id.equals(other.id)
                && textHash == other.textHash
                && Arrays.equals(logits, other.logits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, textHash, Arrays.hashCode(logits));
    }

    @Override
    public String toString() {
        return "CachedLogits{" + id + ", " + Arrays.toString(logits) + "}";
    }
}

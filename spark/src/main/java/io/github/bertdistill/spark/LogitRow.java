package io.github.bertdistill.spark;

import io.github.bertdistill.distill.cache.CachedLogits;
import java.io.Serializable;

/** The teacher's logits for one text, as an executor sends them to the driver. */
record LogitRow(String id, long textHash, float[] logits) implements Serializable {
    CachedLogits toCached() {
        return new CachedLogits(id, textHash, logits);
    }
}

package io.github.bertdistill.spark;

import io.github.bertdistill.distill.cache.CachedLogits;
import java.io.Serializable;

/**
 * The teacher's output for one text, as an executor sends it to the driver: its logits and, when
 * the job writes them, its feature vector ({@code null} otherwise).
 */
record LogitRow(String id, long textHash, float[] logits, float[] features)
        implements Serializable {
    CachedLogits logitsRecord() {
        return new CachedLogits(id, textHash, logits);
    }

    /** The feature vector as a record of the feature cache (whose rows are vectors). */
    CachedLogits featuresRecord() {
        return new CachedLogits(id, textHash, features);
    }
}

package io.github.bertdistill.distill.cache;

/** What {@link LogitCacheWriter} does with an existing cache written by a different teacher. */
public enum MismatchPolicy {
    /** Throw a {@link CacheMismatchException} naming both fingerprints and the folder (default). */
    REFUSE,
    /** Delete the old cache files and label everything again with the current teacher. */
    RECOMPUTE
}

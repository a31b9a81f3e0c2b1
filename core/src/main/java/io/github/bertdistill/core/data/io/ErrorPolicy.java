package io.github.bertdistill.core.data.io;

/** What a {@link DatasetReader} does with a bad row. */
public enum ErrorPolicy {
    /** Throw a {@link DatasetFormatException} for the first bad row. */
    FAIL_FAST,
    /**
     * Leave bad rows out, count them and keep the first few reasons in the {@link ReadReport}.
     * Problems that make the rest of the file unreadable (a missing column, an unclosed CSV quote)
     * still throw.
     */
    SKIP_BAD_ROWS
}

package io.github.bertdistill.core.data.io;

import io.github.bertdistill.core.data.TextDataset;
import java.util.Objects;

/**
 * The outcome of reading one file: the examples and a report of the rows read and skipped.
 *
 * @param dataset the examples of the good rows, in file order
 * @param report counts and the first reasons for skipped rows
 */
public record ReadResult(TextDataset dataset, ReadReport report) {
    /** Checks that neither part is missing. */
    public ReadResult {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(report, "report");
    }
}

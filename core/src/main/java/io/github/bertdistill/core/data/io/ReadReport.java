package io.github.bertdistill.core.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * What happened while reading a file.
 *
 * @param rowsRead rows turned into examples (the size of the dataset)
 * @param rowsSkipped bad rows left out under {@link ErrorPolicy#SKIP_BAD_ROWS}
 * @param firstErrors the messages of the first bad rows, at most {@link
 *     ReadOptions#maxReportedErrors()} of them, in file order
 */
public record ReadReport(int rowsRead, int rowsSkipped, List<String> firstErrors) {
    /** Validates the counts and copies the list. */
    public ReadReport {
        checkArgument(rowsRead >= 0 && rowsSkipped >= 0, "row counts must not be negative");
        firstErrors = List.copyOf(firstErrors);
    }
}

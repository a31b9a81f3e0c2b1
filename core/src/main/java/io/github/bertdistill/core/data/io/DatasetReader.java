package io.github.bertdistill.core.data.io;

import io.github.bertdistill.core.data.TextDataset;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one data file into a {@link TextDataset}.
 *
 * <p>Implementations are immutable and may be shared between threads. Each handles one file format;
 * see {@link LabelledLinesReader}, {@link DelimitedReader} and {@link JsonLinesReader}.
 */
public interface DatasetReader {
    /**
     * Reads {@code file}.
     *
     * @return the dataset and a report of the rows read and skipped
     * @throws DatasetFormatException for a bad row under {@link ErrorPolicy#FAIL_FAST}, or for a
     *     problem that makes the whole file unreadable
     * @throws IOException if the file cannot be read
     */
    ReadResult read(Path file) throws IOException;

    /** Reads {@code file} and returns only the dataset (see {@link #read(Path)}). */
    default TextDataset readDataset(Path file) throws IOException {
        return read(file).dataset();
    }
}

package io.github.bertdistill.core.data.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A data file that does not follow its format, located by file, 1-based line and (where one is to
 * blame) field.
 *
 * <p>The message reads {@code data/train.csv:17: field 'label': label 'x' is not in the label set
 * [neg, pos]}, or without the {@code field '...'} part when no single field is at fault (a blank
 * line, malformed JSON, bytes invalid in the charset). For a CSV or TSV record that spans several
 * lines, the line is the one where the record starts.
 */
public class DatasetFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final int line;
    private final String field;
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param file the file being read
     * @param line the 1-based line of the bad record
     * @param field the field at fault, or {@code null} when it is the record as a whole
     * @param reason what is wrong, without the location
     */
    public DatasetFormatException(Path file, int line, String field, String reason) {
        super(format(file, line, field, reason));
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.field = field;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String format(Path file, int line, String field, String reason) {
        String location = file + ":" + line + ": ";
        return field == null ? location + reason : location + "field '" + field + "': " + reason;
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the bad record (where it starts, if it spans several). */
    public int line() {
        return line;
    }

    /** The field at fault, if a single field is. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }
}

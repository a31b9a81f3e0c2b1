package io.github.bertdistill.core.data.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A data file (or stream) that does not follow its format, located by file, 1-based line and (where
 * one is to blame) field.
 *
 * <p>The message reads {@code data/train.csv:17: field 'label': label 'x' is not in the label set
 * [neg, pos]}, or without the {@code field '...'} part when no single field is at fault (a blank
 * line, malformed JSON, bytes invalid in the charset). For a CSV or TSV record that spans several
 * lines, the line is the one where the record starts. For a stream the file is replaced by its
 * name, e.g. {@code standard input:3: blank line}.
 */
public class DatasetFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final Path file;
    private final String source;
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
        this(Objects.requireNonNull(file, "file"), file.toString(), line, field, reason);
    }

    /**
     * Creates the exception for a stream that is no file, such as standard input.
     *
     * @param source the stream's name, e.g. {@code standard input}
     * @param line the 1-based line of the bad record
     * @param field the field at fault, or {@code null} when it is the record as a whole
     * @param reason what is wrong, without the location
     */
    public DatasetFormatException(String source, int line, String field, String reason) {
        this(null, Objects.requireNonNull(source, "source"), line, field, reason);
    }

    private DatasetFormatException(
            Path file, String source, int line, String field, String reason) {
        super(format(source, line, field, reason));
        this.file = file;
        this.source = source;
        this.line = line;
        this.field = field;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    private static String format(String source, int line, String field, String reason) {
        String location = source + ":" + line + ": ";
        return field == null ? location + reason : location + "field '" + field + "': " + reason;
    }

    /** The file being read; empty for a stream that is no file. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The name of what was read: the file's path, or a stream's name. */
    public String source() {
        return source;
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

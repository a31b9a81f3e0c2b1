package io.github.bertdistill.core.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CSV (RFC 4180) and TSV files with a header row, choosing the text column and, optionally, a
 * label and an id column by header name.
 *
 * <pre>{@code
 * DatasetReader reader = DelimitedReader.csv("review").optLabelColumn("label");
 * }</pre>
 *
 * <p>CSV fields may be quoted with {@code "}, with {@code ""} for a quote and line breaks inside
 * the quotes. TSV has no quote character by default (as in the IANA definition), since real text
 * holds stray {@code "}; {@link #optQuoted(boolean)} switches quoting on or off for either. Parsing
 * is done by Apache Commons CSV. Empty lines are skipped; every other row must have as many fields
 * as the header. An example's id is the id column's value, or {@code <file name>:<line>} with the
 * line where the record starts. A header without the chosen columns, and a quote that is never
 * closed (which would swallow the rest of the file), fail the whole read under either {@link
 * ErrorPolicy}.
 */
public final class DelimitedReader implements DatasetReader {
    private static final int ABSENT = -1;

    private final char delimiter;
    private final boolean quoted;
    private final String textColumn;
    private final String labelColumn;
    private final String idColumn;
    private final ReadOptions options;

    private DelimitedReader(
            char delimiter,
            boolean quoted,
            String textColumn,
            String labelColumn,
            String idColumn,
            ReadOptions options) {
        this.delimiter = delimiter;
        this.quoted = quoted;
        this.textColumn = checkName(textColumn);
        this.labelColumn = labelColumn;
        this.idColumn = idColumn;
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A comma-separated reader, quoting with {@code "}, taking the text from {@code textColumn}.
     */
    public static DelimitedReader csv(String textColumn) {
        return new DelimitedReader(',', true, textColumn, null, null, ReadOptions.defaults());
    }

    /** A tab-separated reader, without quoting, taking the text from {@code textColumn}. */
    public static DelimitedReader tsv(String textColumn) {
        return new DelimitedReader('\t', false, textColumn, null, null, ReadOptions.defaults());
    }

    /** A copy of this reader taking each example's label from {@code column}. */
    public DelimitedReader optLabelColumn(String column) {
        return new DelimitedReader(
                delimiter, quoted, textColumn, checkName(column), idColumn, options);
    }

    /** A copy of this reader taking each example's id from {@code column}. */
    public DelimitedReader optIdColumn(String column) {
        return new DelimitedReader(
                delimiter, quoted, textColumn, labelColumn, checkName(column), options);
    }

    /** A copy of this reader with {@code "} quoting switched on or off. */
    public DelimitedReader optQuoted(boolean quoted) {
        return new DelimitedReader(delimiter, quoted, textColumn, labelColumn, idColumn, options);
    }

    /** A copy of this reader with other shared options. */
    public DelimitedReader optReadOptions(ReadOptions options) {
        return new DelimitedReader(delimiter, quoted, textColumn, labelColumn, idColumn, options);
    }

    private static String checkName(String column) {
        checkArgument(column != null && !column.isEmpty(), "column name must not be empty");
        return column;
    }

    @Override
    public ReadResult read(Path file) throws IOException {
        DecodedText text = DecodedText.read(file, options.charset());
        CSVFormat format =
                CSVFormat.DEFAULT
                        .builder()
                        .setDelimiter(delimiter)
                        .setQuote(quoted ? '"' : null)
                        .get();
        try (CSVParser parser =
                CSVParser.builder()
                        .setReader(new StringReader(text.content()))
                        .setFormat(format)
                        .get()) {
            Records records = new Records(file, text, parser);
            Columns columns = readHeader(file, text, records);
            RowCollector rows =
                    new RowCollector(
                            file,
                            text,
                            options,
                            new RowCollector.Fields(textColumn, labelColumn, idColumn));
            for (Optional<CSVRecord> record = records.next();
                    record.isPresent();
                    record = records.next()) {
                CSVRecord values = record.get();
                rows.add(records.firstLine, records.lastLine, () -> columns.row(values));
            }
            return rows.finish();
        }
    }

    private Columns readHeader(Path file, DecodedText text, Records records)
            throws DatasetFormatException {
        List<String> header =
                records.next()
                        .orElseThrow(
                                () ->
                                        new DatasetFormatException(
                                                file, 1, null, "the file has no header row"))
                        .toList();
        Optional<String> malformed = text.malformedInput(records.firstLine, records.lastLine);
        if (malformed.isPresent()) {
            throw new DatasetFormatException(file, records.firstLine, null, malformed.get());
        }
        return new Columns(
                header.size(),
                columnIndex(file, records.firstLine, header, textColumn),
                columnIndex(file, records.firstLine, header, labelColumn),
                columnIndex(file, records.firstLine, header, idColumn));
    }

    private static int columnIndex(Path file, int headerLine, List<String> header, String column)
            throws DatasetFormatException {
        if (column == null) {
            return ABSENT;
        }
        int index = header.indexOf(column);
        if (index < 0) {
            throw new DatasetFormatException(
                    file,
                    headerLine,
                    column,
                    "no such column in the header; its columns are " + header);
        }
        if (header.lastIndexOf(column) != index) {
            throw new DatasetFormatException(
                    file, headerLine, column, "the header has this column twice: " + header);
        }
        return index;
    }

    /**
     * Where the chosen columns are in a header of {@code size} columns ({@link #ABSENT}: not
     * chosen).
     */
    private record Columns(int size, int text, int label, int id) {
        RowCollector.Row row(CSVRecord record) throws BadRowException {
            if (record.size() != size) {
                throw new BadRowException(
                        null,
                        "the row has "
                                + record.size()
                                + " fields but the header has "
                                + size
                                + " columns");
            }
            return new RowCollector.Row(record.get(text), cell(record, label), cell(record, id));
        }

        private static String cell(CSVRecord record, int index) {
            return index == ABSENT ? null : record.get(index);
        }
    }

    /** Walks the parser's records, tracking the lines each spans. */
    private static final class Records {
        private final Path file;
        private final DecodedText text;
        private final CSVParser parser;
        private final Iterator<CSVRecord> iterator;
        private int firstLine;
        private int lastLine;

        Records(Path file, DecodedText text, CSVParser parser) {
            this.file = file;
            this.text = text;
            this.parser = parser;
            this.iterator = parser.iterator();
        }

        /** The next record, or empty at the end; a syntax error ends the whole read. */
        Optional<CSVRecord> next() throws DatasetFormatException {
            CSVRecord record;
            try {
                if (!iterator.hasNext()) {
                    return Optional.empty();
                }
                record = iterator.next();
            } catch (UncheckedIOException e) {
                int line = text.recordLineAt(text.lineStart(lastLine + 1));
                throw new DatasetFormatException(file, line, null, syntaxError(e.getCause()));
            }
            firstLine = text.recordLineAt(record.getCharacterPosition());
            lastLine = Math.max(firstLine, (int) parser.getCurrentLineNumber());
            return Optional.of(record);
        }

        /** The parser's refusal in the project's words, without its own line and position. */
        private static String syntaxError(IOException cause) {
            String message = cause.getMessage();
            if (message.contains("EOF")) {
                return "a quote opened in the record starting on this line is never closed, so the"
                        + " rest of the file would be read into one field";
            }
            if (message.contains("between encapsulated token and delimiter")) {
                return "text follows the closing quote of a quoted field: a field that starts with"
                        + " a quote must end with one, and a quote inside it is written twice"
                        + " (\"\")";
            }
            return "malformed record: "
                    + message.replaceAll("^\\(startline \\d+\\) ", "")
                            .replaceAll(" at line: \\d+, position: \\d+", "");
        }
    }
}

package io.github.bertdistill.core.data.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Reads the formats with exactly one record per line. A blank line before the last record is a bad
 * row ("blank line"): in these formats it usually means a record lost its content; blank lines at
 * the end of the file are ignored.
 */
final class LineRows {
    /** The reason given for a blank line before the last record. */
    static final String BLANK_LINE = "blank line";

    /** Parses one non-blank line. */
    @FunctionalInterface
    interface LineParser {
        RowCollector.Row parse(String line) throws BadRowException;
    }

    /** A reader of a one-record-per-line format: its fields, and how one line is parsed. */
    abstract static class Reader implements DatasetReader {
        private final ReadOptions options;
        private final RowCollector.Fields fields;
        private final LineParser parser;

        Reader(ReadOptions options, RowCollector.Fields fields, LineParser parser) {
            this.options = Objects.requireNonNull(options, "options");
            this.fields = fields;
            this.parser = parser;
        }

        @Override
        public ReadResult read(Path file) throws IOException {
            return LineRows.read(file, options, fields, parser);
        }
    }

    private LineRows() {}

    static ReadResult read(
            Path file, ReadOptions options, RowCollector.Fields fields, LineParser parser)
            throws IOException {
        DecodedText text = DecodedText.read(file, options.charset());
        RowCollector rows = new RowCollector(file, text, options, fields);
        List<String> lines = text.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            rows.add(
                    i + 1,
                    i + 1,
                    () -> {
                        if (line.isBlank()) {
                            throw new BadRowException(null, BLANK_LINE);
                        }
                        return parser.parse(line);
                    });
        }
        return rows.finish();
    }
}

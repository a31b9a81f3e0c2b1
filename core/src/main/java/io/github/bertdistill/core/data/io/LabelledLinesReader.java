package io.github.bertdistill.core.data.io;

import com.google.common.base.CharMatcher;

/**
 * Reads {@code label text} lines, the format of SST-2, SST-5 and TREC-6:
 *
 * <pre>
 * 0 one long string of cliches .
 * 1 a gorgeous , witty , seductive movie .
 * </pre>
 *
 * <p>The first token (up to the first whitespace) is the label; the rest of the line, after the
 * whitespace that follows the label, is the text, kept as it is. Every example is labelled and its
 * id is {@code <file name>:<line>}. A line with a label and no text, a line starting with
 * whitespace, and a blank line before the last record are bad rows (field {@code label} or {@code
 * text} in the error); blank lines at the end of the file are ignored.
 */
public final class LabelledLinesReader extends LineRows.Reader {
    private static final String LABEL = "label";
    private static final String TEXT = "text";
    private static final RowCollector.Fields FIELDS = new RowCollector.Fields(TEXT, LABEL, null);

    private LabelledLinesReader(ReadOptions options) {
        super(options, FIELDS, LabelledLinesReader::parse);
    }

    /** A reader with the {@link ReadOptions#defaults() default options}. */
    public static LabelledLinesReader create() {
        return new LabelledLinesReader(ReadOptions.defaults());
    }

    /** A copy of this reader with other shared options. */
    public LabelledLinesReader optReadOptions(ReadOptions options) {
        return new LabelledLinesReader(options);
    }

    private static RowCollector.Row parse(String line) throws BadRowException {
        int separator = CharMatcher.whitespace().indexIn(line);
        if (separator == 0) {
            throw new BadRowException(LABEL, "the line starts with whitespace instead of a label");
        }
        String label = separator < 0 ? line : line.substring(0, separator);
        String text =
                separator < 0
                        ? ""
                        : CharMatcher.whitespace().trimLeadingFrom(line.substring(separator));
        if (text.isEmpty()) {
            throw new BadRowException(TEXT, "the line has the label '" + label + "' but no text");
        }
        return new RowCollector.Row(text, label, null);
    }
}

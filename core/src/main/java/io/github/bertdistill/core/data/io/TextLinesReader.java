package io.github.bertdistill.core.data.io;

/**
 * Reads plain text, one example per line and no label: the usual shape of unlabelled in-domain text
 * for a distillation transfer set.
 *
 * <pre>
 * a film that tries to be two things at once .
 * the second half drags .
 * </pre>
 *
 * <p>The whole line is the text, kept as it is, and the id is {@code <file name>:<line>}. A blank
 * line before the last record is a bad row (it usually means a record lost its content); blank
 * lines at the end of the file are ignored.
 */
public final class TextLinesReader extends LineRows.Reader {
    private static final RowCollector.Fields FIELDS = new RowCollector.Fields("text", null, null);

    private TextLinesReader(ReadOptions options) {
        super(options, FIELDS, line -> new RowCollector.Row(line, null, null));
    }

    /** A reader with the {@link ReadOptions#defaults() default options}. */
    public static TextLinesReader create() {
        return new TextLinesReader(ReadOptions.defaults());
    }

    /** A copy of this reader with other shared options. */
    public TextLinesReader optReadOptions(ReadOptions options) {
        return new TextLinesReader(options);
    }
}

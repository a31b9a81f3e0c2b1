package io.github.bertdistill.core.data.io;

/**
 * A row that breaks its format, raised while parsing it; {@link RowCollector} adds the file and
 * line and applies the {@link ErrorPolicy}.
 */
final class BadRowException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field the field at fault, or {@code null} for the row as a whole
     * @param reason what is wrong
     */
    BadRowException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    /** The field at fault, or {@code null}. */
    String field() {
        return field;
    }
}

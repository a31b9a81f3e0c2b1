package io.github.bertdistill.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Objects;
import java.util.Optional;

/**
 * One piece of text to classify: a stable id, the text, and an optional gold label.
 *
 * <p>The id is what ties an example to everything computed for it later (teacher logits in the
 * cache, augmented copies, predictions), so it must not depend on the order in which examples are
 * visited: readers derive it from the source (an id column, or the file name and line), never from
 * a position after shuffling. Unlabelled examples are normal: most of a distillation transfer set
 * carries only the teacher's soft targets.
 */
public final class TextExample {
    private final String id;
    private final String text;
    private final String label;

    private TextExample(String id, String text, String label) {
        checkArgument(id != null && !id.isEmpty(), "example id must not be empty");
        this.id = id;
        this.text = Objects.requireNonNull(text, "text");
        this.label = label;
    }

    /** Creates a labelled example. */
    public static TextExample labelled(String id, String text, String label) {
        return new TextExample(id, text, Objects.requireNonNull(label, "label"));
    }

    /** Creates an example without a gold label (for example, an augmented transfer-set text). */
    public static TextExample unlabelled(String id, String text) {
        return new TextExample(id, text, null);
    }

    /** The stable id, unique within its dataset. */
    public String id() {
        return id;
    }

    /** The raw text, exactly as read. */
    public String text() {
        return text;
    }

    /** The gold label name, if this example has one. */
    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    /** Whether this example has a gold label. */
    public boolean isLabelled() {
        return label != null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TextExample)) {
            return false;
        }
        TextExample other = (TextExample) o;
        return id.equals(other.id) && text.equals(other.text) && Objects.equals(label, other.label);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, text, label);
    }

    @Override
    public String toString() {
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return "TextExample{id=" + id + ", label=" + label + ", text=" + shown + "}";
    }
}

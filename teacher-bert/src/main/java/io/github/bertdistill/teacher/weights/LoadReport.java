package io.github.bertdistill.teacher.weights;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Optional;

/**
 * What a weight import found when matching a file's tensors to a model's parameters, by Hugging
 * Face name: which were loaded, which parameters the file lacks ({@code missing}), which tensors
 * the model has no place for ({@code unexpected}) and which exist in both with different shapes.
 *
 * @param loaded parameters given a value from the file
 * @param missing parameters the file has no tensor for (they keep their initial values)
 * @param unexpected tensors of the file that match no parameter
 * @param mismatched tensors whose shape differs from their parameter's
 */
public record LoadReport(
        List<String> loaded,
        List<String> missing,
        List<String> unexpected,
        List<ShapeMismatch> mismatched) {

    /** A tensor present in file and model with different shapes. */
    public record ShapeMismatch(String name, Shape expected, Shape actual) {
        @Override
        public String toString() {
            return name + ": model expects " + expected + ", file has " + actual;
        }
    }

    /** Copies the lists. */
    public LoadReport {
        loaded = List.copyOf(loaded);
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        mismatched = List.copyOf(mismatched);
    }

    /** Whether every parameter was loaded and every tensor used. */
    public boolean isExact() {
        return missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty();
    }

    /** A multi-line summary naming every problem; its first line names the first one. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(loaded.size()).append(" tensors loaded");
        firstProblem().ifPresent(first -> out.append("; first problem: ").append(first));
        section(out, "missing (not in the file)", missing);
        section(out, "unexpected (not in the model)", unexpected);
        section(out, "shape mismatch", mismatched);
        return out.toString();
    }

    /** The first problem on one line, for a one-line error: a mismatch, then a gap. */
    private Optional<String> firstProblem() {
        if (!mismatched.isEmpty()) {
            return Optional.of(mismatched.get(0).toString());
        }
        if (!missing.isEmpty()) {
            return Optional.of(missing.get(0) + " is not in the file");
        }
        if (!unexpected.isEmpty()) {
            return Optional.of(unexpected.get(0) + " has no place in the model");
        }
        return Optional.empty();
    }

    private static void section(StringBuilder out, String title, List<?> items) {
        if (!items.isEmpty()) {
            out.append("\n  ").append(items.size()).append(' ').append(title).append(':');
            items.forEach(item -> out.append("\n    ").append(item));
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}

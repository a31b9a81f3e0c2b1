package io.github.bertdistill.examples.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Repeatable {@code NAME=VALUE} options ({@code --model cnn=DIR}, {@code --role cnn=student-kd}),
 * read strictly: picocli's map options keep the last value of a name given twice without a word,
 * which drops a model from a comparison.
 */
final class NamedValues {
    private NamedValues() {}

    /**
     * The values of {@code option} by name, in the order given.
     *
     * @param example a well-formed value, for the message
     * @throws IllegalArgumentException if a value is not {@code NAME=VALUE} or a name is given
     *     twice
     */
    static Map<String, String> parse(String option, List<String> given, String example) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String value : given) {
            int equals = value.indexOf('=');
            if (equals <= 0 || equals == value.length() - 1) {
                throw new IllegalArgumentException(
                        option + " " + value + ": expected NAME=VALUE, e.g. " + example);
            }
            String name = value.substring(0, equals);
            String before = values.putIfAbsent(name, value.substring(equals + 1));
            if (before != null) {
                throw new IllegalArgumentException(
                        option
                                + " "
                                + name
                                + " is given twice ("
                                + before
                                + " and "
                                + value.substring(equals + 1)
                                + "): give each its own name");
            }
        }
        return values;
    }
}

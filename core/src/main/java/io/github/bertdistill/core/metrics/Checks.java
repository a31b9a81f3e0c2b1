package io.github.bertdistill.core.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/** Argument checks shared by the metrics, each failing with a message that names the problem. */
final class Checks {
    private Checks() {}

    /** Requires two parallel inputs to be non-empty and of equal length. */
    static void sameNonEmptyLength(String firstName, int first, String secondName, int second) {
        checkArgument(
                first == second,
                "%s has %s entries but %s has %s",
                firstName,
                first,
                secondName,
                second);
        checkArgument(first > 0, "%s and %s are empty", firstName, secondName);
    }

    /** Requires every value to be a class index in {@code [0, numClasses)}. */
    static void classIndices(String name, int[] values, int numClasses) {
        for (int i = 0; i < values.length; i++) {
            checkArgument(
                    values[i] >= 0 && values[i] < numClasses,
                    "%s[%s] = %s is not a class index in [0, %s)",
                    name,
                    i,
                    values[i],
                    numClasses);
        }
    }
}

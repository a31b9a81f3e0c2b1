package io.github.bertdistill.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.SparkException;

/**
 * Turns a failed Spark job back into the error of its task: Spark reports a task that failed on
 * every attempt as a {@link SparkException} (thrown undeclared, from Scala) whose cause is the
 * task's exception — a bad row, a damaged model folder — and the user should see that error, not
 * the scheduler's.
 */
final class SparkFailures {
    private SparkFailures() {}

    /**
     * Throws {@code e}'s I/O error, or returns the runtime error to throw: for a {@link
     * SparkException}, its task's own exception when it is one of those.
     */
    static RuntimeException unwrap(Exception e) throws IOException {
        Throwable failure = e;
        while (failure instanceof SparkException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof UncheckedIOException unchecked) {
            throw unchecked.getCause();
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(e.getMessage(), e);
    }
}

package io.github.bertdistill.teacher.weights;

import java.io.IOException;

/** A weight file that does not fit the model; {@link #report()} says how. */
public final class WeightLoadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient LoadReport report;

    /** An import refused because of {@code report}. */
    public WeightLoadException(String source, LoadReport report) {
        super("weights from " + source + " do not fit the model: " + report.describe());
        this.report = report;
    }

    /** What was missing, unexpected or mismatched. */
    public LoadReport report() {
        return report;
    }
}

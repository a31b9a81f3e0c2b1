package io.github.bertdistill.eval.report;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.eval.latency.LatencyBenchmark;
import io.github.bertdistill.eval.latency.LatencyReport;
import io.github.bertdistill.eval.quality.QualityEvaluator;
import java.util.List;
import java.util.Optional;

/**
 * A finished comparison: what {@link ReportWriter} publishes.
 *
 * @param datasetName the test set's name
 * @param datasetFingerprint its SHA-256 fingerprint
 * @param testSize number of test examples
 * @param labels the classes, in the order of every per-class table and confusion matrix
 * @param models one report per model, in the order given
 * @param pairedTests McNemar's tests between distilled and undistilled students
 * @param latency the benchmark's own results: harness overhead and wall time
 * @param qualitySettings how quality was measured
 * @param latencySettings how latency was measured
 * @param environment where everything was measured
 * @param sweep the T × α sweep, empty if none was given
 * @param seedReplicates test accuracy over several training seeds per student role, empty if the
 *     students were trained once
 */
public record EvaluationReport(
        String datasetName,
        String datasetFingerprint,
        int testSize,
        LabelSet labels,
        List<ModelReport> models,
        List<PairedTest> pairedTests,
        LatencyReport latency,
        QualityEvaluator qualitySettings,
        LatencyBenchmark latencySettings,
        Environment environment,
        List<SweepPoint> sweep,
        List<SeedReplicates> seedReplicates) {

    /** The seed replicates of {@code student-hard}, which the other roles are compared with. */
    public Optional<SeedReplicates> hardReplicates() {
        return seedReplicates.stream().filter(r -> Roles.STUDENT_HARD.equals(r.role())).findFirst();
    }

    /** The model whose role is {@code teacher}, if there is one. */
    public Optional<ModelReport> teacher() {
        return models.stream().filter(ModelReport::isTeacher).findFirst();
    }
}

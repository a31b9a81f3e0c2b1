package io.github.bertdistill.eval.report;

import io.github.bertdistill.eval.footprint.MemoryUsage;
import io.github.bertdistill.eval.latency.LatencyResult;
import io.github.bertdistill.eval.latency.LatencyStats;
import io.github.bertdistill.eval.quality.QualityResult;
import io.github.bertdistill.eval.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The content of {@code report.md}: one section per aspect, each a table. Every table of models
 * carries a column comparing the model with the teacher (accuracy and F1 in points, speed and size
 * as "×" factors, see {@link TeacherRatios}).
 */
public final class MarkdownReport {
    /** Heads the dev-against-test table: what its numbers mean. */
    private static final String MODEL_ONLY_NOTE =
            "\nModel-only times leave tokenisation out. They are measured for the project's own"
                    + " trainable models only, and shown as – for exported (ONNX, TorchScript)"
                    + " ones.\n\n";

    private static final String DEV_AGAINST_TEST_NOTE =
            "The dev accuracy of each run is that of the checkpoint it kept, the best of its"
                    + " validations, so it is biased upwards; a role whose test − dev gap is"
                    + " lower (more negative) than another's keeps less of its dev lead on test."
                    + " r near 0: no detectable relation between a seed's dev and test"
                    + " accuracy.\n\n";

    private final EvaluationReport report;
    private final Optional<ModelReport> teacher;

    private MarkdownReport(EvaluationReport report) {
        this.report = report;
        this.teacher = report.teacher();
    }

    /** The Markdown text of {@code report}. */
    public static String render(EvaluationReport report) {
        return new MarkdownReport(report).render();
    }

    private String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Evaluation report: ").append(report.datasetName()).append("\n\n");
        out.append(report.testSize())
                .append(" test examples, classes ")
                .append(report.labels().names())
                .append(", dataset fingerprint `")
                .append(report.datasetFingerprint())
                .append("`.")
                .append(
                        teacher.map(t -> " Ratios are against the teacher `" + t.name() + "`.")
                                .orElse(" No teacher was given, so there are no ratios."))
                .append("\n\n");
        Environment env = report.environment();
        out.append(
                String.format(
                        "Every model ran on %s %s (%s, %s) on %s%s.\n\n",
                        env.engineName(),
                        env.engineVersion(),
                        env.threads(),
                        env.device(),
                        env.cpu(),
                        otherEngines()));
        if (env.busy()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "**Warning: the machine was busy as this report began** (load average"
                                    + " %.1f over the last minute, %d cores): other work shared"
                                    + " the cores, so its times and speed-ups are not reliable;"
                                    + " measure again when it is quiet (`bert-distill report`"
                                    + " keeps this report beside the new one).\n\n",
                            env.loadAverage(),
                            env.cores()));
        }
        section(out, "Quality", quality());
        if (!report.seedReplicates().isEmpty()) {
            section(out, "Across training seeds", seedReplicates());
        }
        if (report.seedReplicates().stream().anyMatch(SeedReplicates::hasDev)) {
            out.append("## Dev against test across seeds\n\n")
                    .append(DEV_AGAINST_TEST_NOTE)
                    .append(devAgainstTest().render());
        }
        section(out, "Latency and throughput", latency());
        out.append(MODEL_ONLY_NOTE);
        section(out, "Footprint", footprint());
        section(out, "Per-class F1", perClass());
        out.append("## Confusion matrices\n\nRows are gold labels, columns predictions.\n\n");
        report.models()
                .forEach(
                        model ->
                                out.append("### ")
                                        .append(model.name())
                                        .append("\n\n")
                                        .append(confusion(model.quality().confusion()).render()));
        section(out, "McNemar's test", mcnemar());
        section(out, "Training curves", trainingCurves());
        if (!report.sweep().isEmpty()) {
            section(out, "T × α sweep", sweep());
        }
        section(out, "Benchmark overhead", overhead());
        section(out, "Environment", environment());
        return out.toString();
    }

    /**
     * ", except `a`, which ran on OnnxRuntime 1.22.0" for the models another engine ran, by engine;
     * empty when there are none.
     */
    private String otherEngines() {
        Map<String, List<String>> byEngine = new TreeMap<>();
        for (ModelReport model : report.models()) {
            model.engine()
                    .ifPresent(
                            engine ->
                                    byEngine.computeIfAbsent(
                                                    engine.engineName()
                                                            + " "
                                                            + engine.engineVersion(),
                                                    e -> new ArrayList<>())
                                            .add("`" + model.name() + "`"));
        }
        return byEngine.entrySet().stream()
                .map(
                        entry ->
                                String.join(", ", entry.getValue())
                                        + ", which ran on "
                                        + entry.getKey())
                .collect(Collectors.joining("; ", byEngine.isEmpty() ? "" : ", except ", ""));
    }

    private static void section(StringBuilder out, String heading, MarkdownTable table) {
        out.append("## ").append(heading).append("\n\n").append(table.render());
    }

    private Optional<TeacherRatios> ratios(ModelReport model) {
        return teacher.map(t -> TeacherRatios.of(model, t));
    }

    private MarkdownTable quality() {
        MarkdownTable table =
                new MarkdownTable(
                        "Model",
                        "Role",
                        "Accuracy",
                        "95 % CI",
                        "Δ acc vs teacher (pts)",
                        "Macro-F1",
                        "Δ F1 (pts)",
                        "ECE",
                        "Agreement with teacher");
        for (ModelReport model : report.models()) {
            QualityResult q = model.quality();
            Interval acc = q.accuracy();
            Optional<TeacherRatios> ratios = ratios(model);
            table.row(
                    model.name(),
                    model.role(),
                    Format.percent(acc.estimate()),
                    "[" + Format.percent(acc.lower()) + ", " + Format.percent(acc.upper()) + "]",
                    ratios.map(r -> Format.points(r.accuracyDeltaPoints())).orElse(Format.UNKNOWN),
                    Format.fraction(q.macroF1()),
                    ratios.map(r -> Format.points(r.macroF1DeltaPoints())).orElse(Format.UNKNOWN),
                    Format.fraction(q.expectedCalibrationError()),
                    q.agreementWithTeacher().isPresent()
                            ? Format.percent(q.agreementWithTeacher().getAsDouble())
                            : Format.UNKNOWN);
        }
        return table;
    }

    private MarkdownTable latency() {
        List<String> header =
                new ArrayList<>(
                        List.of(
                                "Model",
                                "Batch-1 p50 (ms)",
                                "p90 (ms)",
                                "p99 (ms)",
                                "Model-only p50 (ms)",
                                "p50 speed-up vs teacher"));
        List<Integer> sizes = report.latencySettings().batchSizes();
        sizes.forEach(
                size -> {
                    header.add("Batch " + size + " (texts/s)");
                    header.add("× teacher");
                });
        MarkdownTable table = new MarkdownTable(header);
        for (ModelReport model : report.models()) {
            LatencyResult latency = model.latency();
            LatencyStats b1 = latency.batch1EndToEnd();
            Optional<TeacherRatios> ratios = ratios(model);
            List<String> row =
                    new ArrayList<>(
                            List.of(
                                    model.name(),
                                    Format.millis(b1.p50()),
                                    Format.millis(b1.p90()),
                                    Format.millis(b1.p99()),
                                    latency.batch1ModelOnly()
                                            .map(s -> Format.millis(s.p50()))
                                            .orElse(Format.UNKNOWN),
                                    ratios.map(r -> Format.times(r.batch1Speedup()))
                                            .orElse(Format.UNKNOWN)));
            for (int size : sizes) {
                row.add(Format.rate(latency.throughputPerSecond().get(size)));
                row.add(
                        ratios.map(r -> Format.times(r.throughputSpeedup().get(size)))
                                .orElse(Format.UNKNOWN));
            }
            table.row(row);
        }
        return table;
    }

    private MarkdownTable footprint() {
        MarkdownTable table =
                new MarkdownTable(
                        "Model",
                        "Parameters",
                        "× fewer than teacher",
                        "Disk",
                        "× smaller than teacher",
                        "RSS after load",
                        "Load Δ RSS",
                        "Peak RSS");
        for (ModelReport model : report.models()) {
            MemoryUsage memory = model.footprint().memory();
            Optional<TeacherRatios> ratios = ratios(model);
            table.row(
                    model.name(),
                    Format.count(model.footprint().parameters()),
                    ratios.map(r -> Format.times(r.parameterReduction())).orElse(Format.UNKNOWN),
                    Format.mebibytes(model.footprint().diskBytes()),
                    ratios.map(r -> Format.times(r.diskReduction())).orElse(Format.UNKNOWN),
                    Format.mebibytes(memory.afterLoadBytes()),
                    Format.mebibytes(memory.loadDeltaBytes()),
                    Format.mebibytes(memory.peakBytes())
                            + (memory.peakWasReset() ? "" : " (not reset)"));
        }
        return table;
    }

    private MarkdownTable perClass() {
        List<String> header = new ArrayList<>(List.of("Class", "Support"));
        report.models()
                .forEach(
                        model ->
                                header.add(
                                        model.name()
                                                + (teacher.isPresent() && !model.isTeacher()
                                                        ? " (Δ pts vs teacher)"
                                                        : "")));
        MarkdownTable table = new MarkdownTable(header);
        for (int c = 0; c < report.labels().size(); c++) {
            int index = c;
            List<String> row =
                    new ArrayList<>(
                            List.of(
                                    report.labels().name(c),
                                    Integer.toString(
                                            report.models()
                                                    .get(0)
                                                    .quality()
                                                    .perClass()
                                                    .get(c)
                                                    .support())));
            for (ModelReport model : report.models()) {
                double f1 = model.quality().perClass().get(index).f1();
                String delta =
                        teacher.filter(t -> !model.isTeacher())
                                .map(
                                        t ->
                                                " ("
                                                        + Format.points(
                                                                100
                                                                        * (f1
                                                                                - t.quality()
                                                                                        .perClass()
                                                                                        .get(index)
                                                                                        .f1()))
                                                        + ")")
                                .orElse("");
                row.add(Format.fraction(f1) + delta);
            }
            table.row(row);
        }
        return table;
    }

    private MarkdownTable confusion(int[][] matrix) {
        List<String> header = new ArrayList<>(List.of("gold \\ predicted"));
        header.addAll(report.labels().names());
        MarkdownTable table = new MarkdownTable(header);
        for (int g = 0; g < matrix.length; g++) {
            List<String> row = new ArrayList<>(List.of(report.labels().name(g)));
            for (int count : matrix[g]) {
                row.add(Integer.toString(count));
            }
            table.row(row);
        }
        return table;
    }

    private MarkdownTable mcnemar() {
        MarkdownTable table =
                new MarkdownTable(
                        "Model A",
                        "Model B",
                        "b (A right, B wrong)",
                        "c (B right, A wrong)",
                        "Method",
                        "Statistic",
                        "p-value");
        for (PairedTest test : report.pairedTests()) {
            table.row(
                    test.modelA(),
                    test.modelB(),
                    Integer.toString(test.result().b()),
                    Integer.toString(test.result().c()),
                    test.result().method().toString(),
                    Format.fraction(test.result().statistic()),
                    Format.pValue(test.result().pValue()));
        }
        return table;
    }

    private MarkdownTable trainingCurves() {
        MarkdownTable table =
                new MarkdownTable("Model", "Logged points", "Last loss", "Best dev accuracy");
        for (ModelReport model : report.models()) {
            List<TrainingLog.Point> curve = model.trainingCurve();
            table.row(
                    model.name(),
                    Integer.toString(curve.size()),
                    curve.stream()
                            .filter(p -> p.loss().isPresent())
                            .reduce((first, second) -> second)
                            .map(p -> Format.fraction(p.loss().getAsDouble()))
                            .orElse(Format.UNKNOWN),
                    Format.percent(TrainingLog.bestDevAccuracy(curve)));
        }
        return table;
    }

    /**
     * Each replicated role's test accuracy over its seeds, and the difference of its mean from the
     * undistilled student's with Welch's t-test.
     */
    private MarkdownTable seedReplicates() {
        Optional<SeedReplicates> hard = report.hardReplicates();
        MarkdownTable table =
                new MarkdownTable(
                        "Role",
                        "Seeds",
                        "Accuracy, mean ± sd",
                        "Min – max",
                        "Δ mean vs " + Roles.STUDENT_HARD + " (pts)",
                        "Welch's t-test p",
                        "Accuracy per seed");
        for (SeedReplicates replicates : report.seedReplicates()) {
            List<String> perSeed = new ArrayList<>();
            for (int i = 0; i < replicates.count(); i++) {
                perSeed.add(
                        replicates.seeds().get(i)
                                + ": "
                                + Format.percent(replicates.accuracies().get(i)));
            }
            table.row(
                    replicates.role(),
                    Integer.toString(replicates.count()),
                    Format.percent(replicates.mean())
                            + " ± "
                            + Format.spread(100 * replicates.standardDeviation()),
                    Format.percent(replicates.min()) + " – " + Format.percent(replicates.max()),
                    hard.map(h -> Format.points(100 * (replicates.mean() - h.mean())))
                            .orElse(Format.UNKNOWN),
                    hard.filter(h -> h != replicates)
                            .map(h -> Format.pValue(replicates.welchPValue(h)))
                            .orElse(Format.UNKNOWN),
                    String.join(", ", perSeed));
        }
        return table;
    }

    private MarkdownTable devAgainstTest() {
        Optional<SeedReplicates> hard = report.hardReplicates().filter(SeedReplicates::hasDev);
        MarkdownTable table =
                new MarkdownTable(
                        "Role",
                        "Dev (kept checkpoint), mean ± sd",
                        "Test, mean",
                        "Test − dev (pts)",
                        "Δ dev vs " + Roles.STUDENT_HARD + " (pts)",
                        "Δ test vs " + Roles.STUDENT_HARD + " (pts)",
                        "Dev–test r across seeds");
        for (SeedReplicates replicates : report.seedReplicates()) {
            if (!replicates.hasDev()) {
                continue;
            }
            table.row(
                    replicates.role(),
                    Format.percent(replicates.devMean())
                            + " ± "
                            + Format.spread(100 * replicates.devStandardDeviation()),
                    Format.percent(replicates.mean()),
                    Format.points(100 * (replicates.mean() - replicates.devMean())),
                    hard.map(h -> Format.points(100 * (replicates.devMean() - h.devMean())))
                            .orElse(Format.UNKNOWN),
                    hard.map(h -> Format.points(100 * (replicates.mean() - h.mean())))
                            .orElse(Format.UNKNOWN),
                    Format.fraction(replicates.devTestCorrelation()));
        }
        return table;
    }

    private MarkdownTable sweep() {
        TreeSet<Double> alphas = new TreeSet<>();
        TreeSet<Double> temperatures = new TreeSet<>();
        report.sweep()
                .forEach(
                        p -> {
                            alphas.add(p.alpha());
                            temperatures.add(p.temperature());
                        });
        List<String> header = new ArrayList<>(List.of("T \\ α"));
        alphas.forEach(a -> header.add(Format.fraction(a)));
        MarkdownTable table = new MarkdownTable(header);
        for (double t : temperatures) {
            List<String> row = new ArrayList<>(List.of(Format.fraction(t)));
            for (double a : alphas) {
                row.add(
                        report.sweep().stream()
                                .filter(p -> p.temperature() == t && p.alpha() == a)
                                .map(p -> Format.percent(p.accuracy()))
                                .findFirst()
                                .orElse(Format.UNKNOWN));
            }
            table.row(row);
        }
        return table;
    }

    private MarkdownTable overhead() {
        LatencyStats harness = report.latency().harnessOverhead().batch1EndToEnd();
        return new MarkdownTable("Measure", "Value")
                .row("Harness overhead per call, p50 (ms)", Format.millis(harness.p50()))
                .row("Harness overhead per call, p99 (ms)", Format.millis(harness.p99()))
                .row(
                        "Benchmark wall time, warm-up included (s)",
                        Format.millis(report.latency().wallSeconds()));
    }

    private MarkdownTable environment() {
        Environment env = report.environment();
        return new MarkdownTable("Item", "Value")
                .row("CPU", env.cpu())
                .row("Cores", Integer.toString(env.cores()))
                .row("OS", env.os())
                .row("Java", env.java())
                .row("DJL", env.djlVersion())
                .row("Engine", env.engineName() + " " + env.engineVersion())
                .row("Engine threads", env.threads())
                .row("Device", env.device())
                .row("Git commit", env.gitCommit())
                .row("Date", env.date());
    }
}

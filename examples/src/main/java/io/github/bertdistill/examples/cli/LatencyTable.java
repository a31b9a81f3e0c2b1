package io.github.bertdistill.examples.cli;

import io.github.bertdistill.eval.latency.LatencyReport;
import io.github.bertdistill.eval.latency.LatencyResult;
import io.github.bertdistill.eval.latency.LatencyStats;
import io.github.bertdistill.eval.report.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Renders a {@link LatencyReport} as a fixed-width text table, one row per model. */
final class LatencyTable {
    private static final String ROW = "%-24s %9s %9s %9s %11s %9s";

    /** How every table bench wrote begins (earlier ones had fewer columns after these). */
    private static final String FIRST_COLUMNS =
            String.format(Locale.ROOT, "%-24s %9s", "model", "p50 ms");

    private LatencyTable() {}

    /** Whether {@code file} begins as a table {@link #render} writes. */
    static boolean isTable(Path file) throws IOException {
        byte[] start = new byte[FIRST_COLUMNS.length()];
        try (InputStream in = Files.newInputStream(file)) {
            int read = in.readNBytes(start, 0, start.length);
            return read == start.length
                    && new String(start, StandardCharsets.UTF_8).equals(FIRST_COLUMNS);
        }
    }

    /**
     * The table, the harness's own cost as its last row, then what was timed and where: a speed-up
     * holds for the texts, CPU and thread settings it was measured on. The speed-up column is each
     * model's {@linkplain LatencyResult#batch1SpeedupOver single-text speed-up} over {@code
     * baseline}, one of the report's models.
     */
    static String render(
            LatencyReport report, String baseline, String texts, Environment environment) {
        LatencyResult base =
                report.models().stream()
                        .filter(model -> model.name().equals(baseline))
                        .findFirst()
                        .orElseThrow(
                                () -> new IllegalArgumentException("no model named " + baseline));
        TreeSet<Integer> batches = new TreeSet<>();
        report.models().forEach(model -> batches.addAll(model.throughputPerSecond().keySet()));
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        ROW,
                        "model",
                        "p50 ms",
                        "p90 ms",
                        "p99 ms",
                        "model p50",
                        "speed-up"));
        batches.forEach(size -> out.append(String.format(Locale.ROOT, " %10s", "texts/s@" + size)));
        out.append('\n');
        for (LatencyResult model : report.models()) {
            row(out, model, speedup(model.batch1SpeedupOver(base)), batches);
        }
        row(out, report.harnessOverhead(), "-", batches);
        out.append(
                String.format(
                        Locale.ROOT,
                        "single texts, end to end; 'model p50' excludes tokenisation; speed-up:"
                                + " %s's p50 over the model's; %.1f s in all%n",
                        baseline,
                        report.wallSeconds()));
        out.append(String.format(Locale.ROOT, "texts: %s%n", texts));
        out.append(
                String.format(
                        Locale.ROOT,
                        "measured on %s, %d cores, engine threads %s%n",
                        environment.cpu(),
                        environment.cores(),
                        environment.threads()));
        return out.toString();
    }

    /**
     * A line saying the machine was {@linkplain Environment#isBusy busy} when the benchmark began
     * (the 1-minute load average, read before bench started its engine), or nothing.
     */
    static String busyWarning(double loadAverage, int cores) {
        if (!Environment.isBusy(loadAverage, cores)) {
            return "";
        }
        return String.format(
                Locale.ROOT,
                "warning: the machine was busy as bench began (load average %.1f over the"
                        + " last minute, %d cores): other work shared the cores, so these times"
                        + " are not reliable; measure again when it is quiet%n",
                loadAverage,
                cores);
    }

    private static void row(
            StringBuilder out, LatencyResult model, String speedup, TreeSet<Integer> batches) {
        LatencyStats stats = model.batch1EndToEnd();
        Optional<LatencyStats> modelOnly = model.batch1ModelOnly();
        out.append(
                String.format(
                        Locale.ROOT,
                        ROW,
                        model.name(),
                        millis(stats.p50()),
                        millis(stats.p90()),
                        millis(stats.p99()),
                        modelOnly.map(only -> millis(only.p50())).orElse("-"),
                        speedup));
        Map<Integer, Double> throughput = model.throughputPerSecond();
        for (int size : batches) {
            Double rate = throughput.get(size);
            out.append(
                    String.format(
                            Locale.ROOT,
                            " %10s",
                            rate == null ? "-" : String.format(Locale.ROOT, "%.0f", rate)));
        }
        out.append('\n');
    }

    /** "23.4x"; a slower model's "0.0078x", with two significant digits. */
    private static String speedup(double factor) {
        return String.format(Locale.ROOT, factor >= 1 ? "%.1fx" : "%.2gx", factor);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}

package io.github.bertdistill.examples.bench;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The timing rules of the peer harness ({@code ../shared/peers}), so that the project's numbers
 * land in the same table as plain PyTorch's and ONNX Runtime's: latency as the median and
 * nearest-rank percentiles of single calls after untimed warm-up calls, training throughput as the
 * median steps/s over timed windows, memory as the process's peak resident set ({@code VmHWM}).
 * Field names and rounding follow the harness's JSON lines.
 */
final class PeerTiming {
    private PeerTiming() {}

    /** One timed call; may throw. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /**
     * Calls {@code call} {@code warmup} times untimed, then times {@code runs} calls one by one:
     * {@code runs, median_ms, p90_ms, p99_ms, min_ms, samples_per_s}.
     */
    static JsonObject latency(Call call, int batch, int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        double median = median(ms);
        JsonObject out = new JsonObject();
        out.addProperty("runs", runs);
        out.addProperty("median_ms", round(median));
        out.addProperty("p90_ms", round(nearestRank(ms, 0.90)));
        out.addProperty("p99_ms", round(nearestRank(ms, 0.99)));
        out.addProperty("min_ms", round(ms[0]));
        out.addProperty("samples_per_s", round(batch * 1e3 / median));
        return out;
    }

    /**
     * Runs {@code warmup} untimed steps, then {@code windows} timed windows of {@code perWindow}
     * steps: the median steps/s over the windows, its min and max, and samples/s.
     */
    static JsonObject windows(Call step, int batch, int warmup, int windows, int perWindow)
            throws Exception {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] rates = new double[windows];
        for (int w = 0; w < windows; w++) {
            long start = System.nanoTime();
            for (int i = 0; i < perWindow; i++) {
                step.run();
            }
            rates[w] = perWindow / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        double median = median(rates);
        JsonObject out = new JsonObject();
        out.addProperty("windows", windows);
        out.addProperty("steps_per_window", perWindow);
        out.addProperty("warmup_steps", warmup);
        out.addProperty("steps_per_s", round(median));
        out.addProperty("steps_per_s_min", round(rates[0]));
        out.addProperty("steps_per_s_max", round(rates[windows - 1]));
        out.addProperty("samples_per_s", Math.round(median * batch * 100) / 100.0);
        return out;
    }

    /** The process's peak resident set in MB ({@code VmHWM}), or -1 where /proc is missing. */
    static double peakRssMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return Math.round(kb / 102.4) / 10.0;
            }
        }
        return -1;
    }

    /** The 1-minute load average, as the harness records it. */
    static double load1() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg)
                ? Double.parseDouble(Files.readString(loadavg).split(" ")[0])
                : -1;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double nearestRank(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

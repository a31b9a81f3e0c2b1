package io.github.bertdistill.eval.latency;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.engine.EngineProfiler;
import io.github.bertdistill.core.model.TextClassifier;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a model's single-text time goes, engine operation by operation: a summary of an {@link
 * EngineProfiler} trace over a known number of calls.
 *
 * <p>Engine operations nest ({@code aten::lstm} calls {@code aten::mkldnn_rnn_layer}, which calls
 * others). Each row gives an operation's <b>total</b> time (with everything it called) and its
 * <b>self</b> time (total minus its direct children's totals), both per call of the model; the self
 * times of all rows add up to the engine time. Children are found by nesting in time on one thread:
 * an event inside another's span is its descendant. The wall time of the profiled calls less the
 * engine time is what ran outside the engine (tokenisation, Java glue, copying results out). The
 * profiler adds a few microseconds to every operation, so compare shares, not absolute times, with
 * the latency benchmark's.
 */
public final class OperatorProfile {
    /** One operation's count and times, per call of the model, in microseconds. */
    public record Row(String operation, double count, double selfMicros, double totalMicros) {}

    /** One complete event of a trace: name, thread, start and duration in microseconds. */
    record TraceEvent(String name, String thread, double start, double duration) {
        double end() {
            return start + duration;
        }
    }

    private final int calls;
    private final double wallMicros;
    private final ImmutableList<Row> rows;

    private OperatorProfile(int calls, double wallMicros, List<Row> rows) {
        this.calls = calls;
        this.wallMicros = wallMicros;
        this.rows = ImmutableList.copyOf(rows);
    }

    /**
     * Profiles {@code calls} single-text calls of {@code model} (cycling through {@code texts}),
     * after as many unrecorded warm-up calls, and writes the trace to {@code trace}.
     *
     * @throws IOException if the trace cannot be written or read back
     */
    public static OperatorProfile record(
            TextClassifier model, List<String> texts, int calls, Path trace) throws IOException {
        checkArgument(calls >= 1, "calls must be >= 1, got %s", calls);
        checkArgument(!texts.isEmpty(), "the profile needs at least one text");
        callSingly(model, texts, calls);
        long nanos;
        try (EngineProfiler profiler = EngineProfiler.start(trace)) {
            nanos = callSingly(model, texts, calls);
        }
        return of(read(trace), calls, nanos / 1e3);
    }

    /**
     * {@code calls} single-text calls, cycling through {@code texts}; returns their nanoseconds.
     */
    private static long callSingly(TextClassifier model, List<String> texts, int calls) {
        long begin = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            model.logits(List.of(texts.get(i % texts.size())));
        }
        return System.nanoTime() - begin;
    }

    /**
     * The complete events ({@code "ph": "X"}) of a Chrome trace file: a JSON array of events or an
     * object with {@code traceEvents}.
     *
     * @throws IOException naming the file if it is not such a trace
     */
    static List<TraceEvent> read(Path trace) throws IOException {
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(trace)) {
            root = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new IOException(trace + ": not a JSON trace: " + e.getMessage(), e);
        }
        JsonArray events;
        if (root.isJsonArray()) {
            events = root.getAsJsonArray();
        } else if (root.isJsonObject() && root.getAsJsonObject().has("traceEvents")) {
            events = root.getAsJsonObject().getAsJsonArray("traceEvents");
        } else {
            throw new IOException(
                    trace + ": not a Chrome trace (neither an array nor \"traceEvents\")");
        }
        List<TraceEvent> complete = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonObject event = events.get(i).getAsJsonObject();
            if (!"X".equals(text(event, "ph"))) {
                continue;
            }
            if (!event.has("name") || !event.has("ts") || !event.has("dur")) {
                throw new IOException(
                        trace + ": event " + i + " lacks \"name\", \"ts\" or \"dur\": " + event);
            }
            complete.add(
                    new TraceEvent(
                            event.get("name").getAsString(),
                            text(event, "pid") + "/" + text(event, "tid"),
                            event.get("ts").getAsDouble(),
                            event.get("dur").getAsDouble()));
        }
        return complete;
    }

    private static String text(JsonObject event, String key) {
        JsonElement value = event.get(key);
        return value == null || value.isJsonNull() ? "" : value.getAsString();
    }

    /**
     * The summary of {@code events} recorded over {@code calls} calls taking {@code wallMicros}.
     */
    static OperatorProfile of(List<TraceEvent> events, int calls, double wallMicros) {
        Map<String, double[]> byName = new LinkedHashMap<>(); // count, self, total
        Map<String, List<TraceEvent>> byThread = new LinkedHashMap<>();
        for (TraceEvent event : events) {
            byThread.computeIfAbsent(event.thread(), thread -> new ArrayList<>()).add(event);
        }
        for (List<TraceEvent> thread : byThread.values()) {
            // parents before their children: by start, the longer first when two start together
            thread.sort(
                    Comparator.comparingDouble(TraceEvent::start)
                            .thenComparing(
                                    Comparator.comparingDouble(TraceEvent::duration).reversed()));
            Deque<Integer> open = new ArrayDeque<>(); // indices of the enclosing events
            double[] childTime = new double[thread.size()];
            for (int i = 0; i < thread.size(); i++) {
                TraceEvent event = thread.get(i);
                while (!open.isEmpty() && thread.get(open.peek()).end() <= event.start()) {
                    open.pop();
                }
                if (!open.isEmpty()) {
                    childTime[open.peek()] += event.duration();
                }
                open.push(i);
            }
            for (int i = 0; i < thread.size(); i++) {
                TraceEvent event = thread.get(i);
                double[] sums = byName.computeIfAbsent(event.name(), name -> new double[3]);
                sums[0]++;
                sums[1] += Math.max(event.duration() - childTime[i], 0);
                sums[2] += event.duration();
            }
        }
        List<Row> rows = new ArrayList<>();
        byName.forEach(
                (name, sums) ->
                        rows.add(new Row(name, sums[0] / calls, sums[1] / calls, sums[2] / calls)));
        rows.sort(Comparator.comparingDouble(Row::selfMicros).reversed());
        return new OperatorProfile(calls, wallMicros, rows);
    }

    /** The operations, most self time first. */
    public List<Row> rows() {
        return rows;
    }

    /** Number of profiled calls the times are divided by. */
    public int calls() {
        return calls;
    }

    /** Time inside the engine per call: the sum of the self times. */
    public double engineMicros() {
        return rows.stream().mapToDouble(Row::selfMicros).sum();
    }

    /** Wall-clock time per profiled call, profiler overhead included. */
    public double wallMicros() {
        return wallMicros / calls;
    }

    /** A text table of the {@code top} operations with the most self time, and the totals. */
    public String render(int top) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%-36s %8s %10s %10s %7s%n",
                        "operation",
                        "count",
                        "self us",
                        "total us",
                        "self %"));
        double engine = engineMicros();
        for (Row row : rows.subList(0, Math.min(top, rows.size()))) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-36s %8.1f %10.1f %10.1f %6.1f%%%n",
                            row.operation(),
                            row.count(),
                            row.selfMicros(),
                            row.totalMicros(),
                            100 * row.selfMicros() / Math.max(wallMicros(), 1e-9)));
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        "per call, %d calls: %.1f us wall, %.1f us in %d kinds of engine operation"
                                + " (%.1f per call), %.1f us outside the engine%n",
                        calls,
                        wallMicros(),
                        engine,
                        rows.size(),
                        rows.stream().mapToDouble(Row::count).sum(),
                        wallMicros() - engine));
        return out.toString();
    }
}

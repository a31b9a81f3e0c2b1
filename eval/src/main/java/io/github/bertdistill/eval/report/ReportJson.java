package io.github.bertdistill.eval.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.bertdistill.eval.footprint.Footprint;
import io.github.bertdistill.eval.footprint.MemoryUsage;
import io.github.bertdistill.eval.latency.LatencyResult;
import io.github.bertdistill.eval.latency.LatencyStats;
import io.github.bertdistill.eval.quality.ClassScores;
import io.github.bertdistill.eval.quality.QualityResult;
import io.github.bertdistill.eval.stats.McNemarTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The JSON form of an {@link EvaluationReport}: the content of {@code report.json}, and the data
 * the HTML report draws its charts from. Unknown values are {@code null}; times are milliseconds,
 * throughput texts per second, sizes bytes.
 *
 * <p>Top-level keys: {@code schema_version}, {@code dataset} {name, test_size, fingerprint,
 * labels}, {@code models} (one object per model, with {@code name}, {@code role}, {@code accuracy},
 * {@code macro_f1}, {@code latency_ms} {batch1_p50, batch1_p90, batch1_p99, …}, {@code
 * throughput_per_s} {batch32, batch64, …}, {@code parameters}, {@code disk_bytes} and more), {@code
 * mcnemar}, {@code benchmark} (harness overhead, wall time), {@code config}, {@code sweep}, {@code
 * seed_replicates} (per role: {@code seeds}, {@code accuracies}, {@code mean}, {@code sd}, {@code
 * min}, {@code max}, {@code dev_accuracies} of the kept checkpoints, {@code dev_mean}, {@code
 * dev_sd}, {@code dev_test_r}, {@code welch_p_vs_student_hard}) and {@code environment}.
 */
public final class ReportJson {
    /** Version of the layout below; raised on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    private ReportJson() {}

    /** The report as a JSON tree. */
    public static JsonObject of(EvaluationReport report) {
        JsonObject root = new JsonObject();
        root.addProperty("schema_version", SCHEMA_VERSION);
        root.add("dataset", dataset(report));
        JsonArray models = new JsonArray();
        Optional<ModelReport> teacher = report.teacher();
        for (ModelReport model : report.models()) {
            models.add(model(model, teacher.map(t -> TeacherRatios.of(model, t))));
        }
        root.add("models", models);
        root.add("mcnemar", mcnemar(report.pairedTests()));
        root.add("benchmark", benchmark(report));
        root.add("config", config(report));
        root.add("sweep", sweep(report.sweep()));
        root.add("seed_replicates", seedReplicates(report));
        root.add("environment", environment(report.environment()));
        return root;
    }

    private static JsonObject dataset(EvaluationReport report) {
        JsonObject dataset = new JsonObject();
        dataset.addProperty("name", report.datasetName());
        dataset.addProperty("test_size", report.testSize());
        dataset.addProperty("fingerprint", report.datasetFingerprint());
        dataset.add("labels", strings(report.labels().names()));
        return dataset;
    }

    private static JsonObject model(ModelReport model, Optional<TeacherRatios> ratios) {
        QualityResult quality = model.quality();
        JsonObject json = new JsonObject();
        json.addProperty("name", model.name());
        json.addProperty("role", model.role());
        model.engine()
                .ifPresent(
                        engine -> {
                            json.addProperty("engine", engine.engineName());
                            json.addProperty("engine_version", engine.engineVersion());
                        });
        json.add("accuracy", number(quality.accuracy().estimate()));
        JsonObject interval = new JsonObject();
        interval.add("lower", number(quality.accuracy().lower()));
        interval.add("upper", number(quality.accuracy().upper()));
        interval.add("confidence", number(quality.accuracy().confidence()));
        json.add("accuracy_ci", interval);
        json.add("macro_f1", number(quality.macroF1()));
        json.add("ece", number(quality.expectedCalibrationError()));
        json.add("agreement_with_teacher", number(quality.agreementWithTeacher()));
        json.add("per_class", perClass(quality.perClass()));
        json.add("confusion_matrix", matrix(quality.confusion()));
        json.add("latency_ms", latency(model.latency()));
        json.add("throughput_per_s", throughput(model.latency().throughputPerSecond()));
        Footprint footprint = model.footprint();
        json.add("parameters", number(footprint.parameters()));
        json.add("disk_bytes", number(footprint.diskBytes()));
        json.add("memory", memory(footprint.memory()));
        json.add(
                "vs_teacher",
                ratios.<JsonElement>map(ReportJson::ratios).orElse(JsonNull.INSTANCE));
        json.add("config", model.config());
        json.add("training_curve", curve(model.trainingCurve()));
        return json;
    }

    private static JsonArray perClass(List<ClassScores> scores) {
        JsonArray array = new JsonArray();
        for (ClassScores s : scores) {
            JsonObject json = new JsonObject();
            json.addProperty("label", s.label());
            json.add("precision", number(s.precision()));
            json.add("recall", number(s.recall()));
            json.add("f1", number(s.f1()));
            json.addProperty("support", s.support());
            array.add(json);
        }
        return array;
    }

    private static JsonArray matrix(int[][] matrix) {
        JsonArray rows = new JsonArray();
        for (int[] row : matrix) {
            JsonArray json = new JsonArray();
            for (int count : row) {
                json.add(count);
            }
            rows.add(json);
        }
        return rows;
    }

    private static JsonObject latency(LatencyResult latency) {
        JsonObject json = new JsonObject();
        putStats(json, "batch1_", latency.batch1EndToEnd());
        Optional<LatencyStats> modelOnly = latency.batch1ModelOnly();
        json.add("model_only_p50", number(modelOnly.map(LatencyStats::p50)));
        json.add("model_only_p90", number(modelOnly.map(LatencyStats::p90)));
        json.add("model_only_p99", number(modelOnly.map(LatencyStats::p99)));
        return json;
    }

    private static void putStats(JsonObject json, String prefix, LatencyStats stats) {
        json.add(prefix + "p50", number(stats.p50()));
        json.add(prefix + "p90", number(stats.p90()));
        json.add(prefix + "p99", number(stats.p99()));
        json.add(prefix + "mean", number(stats.mean()));
        json.addProperty(prefix + "samples", stats.samples());
    }

    private static JsonObject throughput(Map<Integer, Double> perSecond) {
        JsonObject json = new JsonObject();
        perSecond.forEach((size, value) -> json.add("batch" + size, number(value)));
        return json;
    }

    private static JsonObject memory(MemoryUsage memory) {
        JsonObject json = new JsonObject();
        json.add("rss_after_load_bytes", number(memory.afterLoadBytes()));
        json.add("rss_load_delta_bytes", number(memory.loadDeltaBytes()));
        json.add("peak_rss_bytes", number(memory.peakBytes()));
        json.addProperty("peak_was_reset", memory.peakWasReset());
        json.addProperty("process_wide", true);
        return json;
    }

    private static JsonObject ratios(TeacherRatios ratios) {
        JsonObject json = new JsonObject();
        json.add("accuracy_delta_points", number(ratios.accuracyDeltaPoints()));
        json.add("macro_f1_delta_points", number(ratios.macroF1DeltaPoints()));
        json.add("batch1_p50_speedup", number(ratios.batch1Speedup()));
        ratios.throughputSpeedup()
                .forEach(
                        (size, value) ->
                                json.add("batch" + size + "_throughput_speedup", number(value)));
        json.add("parameter_reduction", number(ratios.parameterReduction()));
        json.add("disk_reduction", number(ratios.diskReduction()));
        return json;
    }

    private static JsonArray curve(List<TrainingLog.Point> points) {
        JsonArray array = new JsonArray();
        for (TrainingLog.Point point : points) {
            JsonObject json = new JsonObject();
            json.add("step", number(point.step()));
            json.add("epoch", number(point.epoch()));
            json.add("loss", number(point.loss()));
            json.add("dev_accuracy", number(point.devAccuracy()));
            array.add(json);
        }
        return array;
    }

    private static JsonArray mcnemar(List<PairedTest> tests) {
        JsonArray array = new JsonArray();
        for (PairedTest test : tests) {
            McNemarTest.Result result = test.result();
            JsonObject json = new JsonObject();
            json.addProperty("model_a", test.modelA());
            json.addProperty("model_b", test.modelB());
            json.addProperty("b", result.b());
            json.addProperty("c", result.c());
            json.addProperty("method", result.method().name().toLowerCase(java.util.Locale.ROOT));
            json.add("statistic", number(result.statistic()));
            json.add("p_value", number(result.pValue()));
            array.add(json);
        }
        return array;
    }

    private static JsonObject benchmark(EvaluationReport report) {
        JsonObject json = new JsonObject();
        JsonObject overhead = new JsonObject();
        putStats(overhead, "batch1_", report.latency().harnessOverhead().batch1EndToEnd());
        json.add("harness_overhead_ms", overhead);
        json.add(
                "harness_overhead_throughput_per_s",
                throughput(report.latency().harnessOverhead().throughputPerSecond()));
        json.add("wall_seconds", number(report.latency().wallSeconds()));
        return json;
    }

    private static JsonObject config(EvaluationReport report) {
        JsonObject quality = new JsonObject();
        quality.addProperty("batch_size", report.qualitySettings().batchSize());
        quality.addProperty("bootstrap", "percentile");
        quality.addProperty(
                "bootstrap_resamples", report.qualitySettings().bootstrap().resamples());
        quality.addProperty("bootstrap_seed", report.qualitySettings().bootstrap().seed());
        quality.add(
                "bootstrap_confidence", number(report.qualitySettings().bootstrap().confidence()));
        quality.addProperty("ece_bins", report.qualitySettings().eceBins());
        JsonObject latency = new JsonObject();
        latency.addProperty("warmup_rounds", report.latencySettings().warmupRounds());
        latency.addProperty("measured_rounds", report.latencySettings().measuredRounds());
        latency.addProperty("batch1_calls_per_round", report.latencySettings().batch1PerRound());
        JsonArray sizes = new JsonArray();
        report.latencySettings().batchSizes().forEach(sizes::add);
        latency.add("throughput_batch_sizes", sizes);
        latency.addProperty("sentences", report.latencySettings().sentenceCount());
        latency.addProperty("order", "interleaved, a new seeded shuffle each round");
        latency.addProperty("percentiles", "nearest-rank");
        latency.addProperty("timer", "System.nanoTime");
        latency.addProperty("caller_threads", 1);
        latency.addProperty("engine_threads", report.environment().threads());
        JsonObject config = new JsonObject();
        config.add("quality", quality);
        config.add("latency", latency);
        return config;
    }

    private static JsonArray sweep(List<SweepPoint> sweep) {
        JsonArray array = new JsonArray();
        for (SweepPoint point : sweep) {
            JsonObject json = new JsonObject();
            json.add("temperature", number(point.temperature()));
            json.add("alpha", number(point.alpha()));
            json.add("accuracy", number(point.accuracy()));
            array.add(json);
        }
        return array;
    }

    private static JsonArray seedReplicates(EvaluationReport report) {
        Optional<SeedReplicates> hard = report.hardReplicates();
        JsonArray array = new JsonArray();
        for (SeedReplicates role : report.seedReplicates()) {
            JsonObject json = new JsonObject();
            json.addProperty("role", role.role());
            JsonArray seeds = new JsonArray();
            role.seeds().forEach(seeds::add);
            json.add("seeds", seeds);
            JsonArray accuracies = new JsonArray();
            role.accuracies().forEach(accuracies::add);
            json.add("accuracies", accuracies);
            json.add("mean", number(role.mean()));
            json.add("sd", number(role.standardDeviation()));
            json.add("min", number(role.min()));
            json.add("max", number(role.max()));
            JsonArray devAccuracies = new JsonArray();
            role.devAccuracies().forEach(d -> devAccuracies.add(number(d)));
            json.add("dev_accuracies", devAccuracies);
            json.add("dev_mean", number(role.devMean()));
            json.add("dev_sd", number(role.devStandardDeviation()));
            json.add("dev_test_r", number(role.devTestCorrelation()));
            json.add(
                    "welch_p_vs_student_hard",
                    hard.filter(h -> h != role)
                            .map(h -> number(role.welchPValue(h)))
                            .orElse(JsonNull.INSTANCE));
            array.add(json);
        }
        return array;
    }

    private static JsonObject environment(Environment environment) {
        JsonObject json = new JsonObject();
        json.addProperty("cpu", environment.cpu());
        json.addProperty("cores", environment.cores());
        json.addProperty("os", environment.os());
        json.addProperty("java", environment.java());
        json.addProperty("max_heap_bytes", environment.maxHeapBytes());
        json.addProperty("djl_version", environment.djlVersion());
        json.addProperty("engine", environment.engineName());
        json.addProperty("engine_version", environment.engineVersion());
        json.addProperty("threads", environment.threads());
        json.addProperty("device", environment.device());
        json.addProperty("git_commit", environment.gitCommit());
        json.addProperty("date", environment.date());
        json.addProperty("load_average", environment.loadAverage());
        json.addProperty("busy", environment.busy());
        return json;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static JsonElement number(double value) {
        return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
    }

    private static JsonElement number(Optional<Double> value) {
        return value.map(ReportJson::number).orElse(JsonNull.INSTANCE);
    }

    private static JsonElement number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : JsonNull.INSTANCE;
    }

    private static JsonElement number(OptionalLong value) {
        return value.isPresent() ? new JsonPrimitive(value.getAsLong()) : JsonNull.INSTANCE;
    }
}

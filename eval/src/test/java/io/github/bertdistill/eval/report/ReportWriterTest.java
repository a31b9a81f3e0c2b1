package io.github.bertdistill.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.eval.SampleReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir static Path folder;
    private static JsonObject json;
    private static String markdown;
    private static String html;
    private static EvaluationReport report;

    @BeforeAll
    static void writeTheSampleReport() throws Exception {
        report =
                SampleReport.builder(Files.createDirectories(folder.resolve("models")))
                        .build()
                        .run();
        ReportWriter.write(report, folder);
        json =
                JsonParser.parseString(Files.readString(folder.resolve(ReportWriter.JSON_FILE)))
                        .getAsJsonObject();
        markdown = Files.readString(folder.resolve(ReportWriter.MARKDOWN_FILE));
        html = Files.readString(folder.resolve(ReportWriter.HTML_FILE));
    }

    @Test
    void aSecondReportKeepsTheFirstInAFolderNamedByItsTime() throws Exception {
        Path reports = Files.createDirectories(folder.resolve("twice/report"));
        Files.writeString(reports.resolve("notes.txt"), "the user's own file");
        ReportWriter.write(report, reports);
        byte[] first = Files.readAllBytes(reports.resolve(ReportWriter.JSON_FILE));
        Files.setLastModifiedTime(
                reports.resolve(ReportWriter.JSON_FILE),
                FileTime.from(Instant.parse("2026-12-07T16:27:33Z")));

        ReportWriter.write(report, reports);

        Path kept = folder.resolve("twice/report-20261207T162733Z");
        assertTrue(Files.isRegularFile(reports.resolve(ReportWriter.JSON_FILE)));
        assertEquals(
                List.of(ReportWriter.HTML_FILE, ReportWriter.JSON_FILE, ReportWriter.MARKDOWN_FILE),
                Files.list(kept).map(p -> p.getFileName().toString()).sorted().toList());
        assertEquals(
                new String(first, StandardCharsets.UTF_8),
                Files.readString(kept.resolve(ReportWriter.JSON_FILE)));
        assertEquals("the user's own file", Files.readString(reports.resolve("notes.txt")));
    }

    @Test
    void jsonHasEveryRequiredKey() {
        JsonObject dataset = json.getAsJsonObject("dataset");
        assertEquals("fake/test", dataset.get("name").getAsString());
        assertEquals(SampleReport.SIZE, dataset.get("test_size").getAsInt());
        JsonArray models = json.getAsJsonArray("models");
        assertEquals(4, models.size());
        for (JsonElement element : models) {
            JsonObject model = element.getAsJsonObject();
            assertHas(
                    model,
                    "name",
                    "role",
                    "accuracy",
                    "macro_f1",
                    "latency_ms",
                    "throughput_per_s",
                    "parameters",
                    "disk_bytes",
                    "accuracy_ci",
                    "ece",
                    "agreement_with_teacher",
                    "per_class",
                    "confusion_matrix",
                    "memory",
                    "vs_teacher",
                    "training_curve");
            assertHas(
                    model.getAsJsonObject("latency_ms"),
                    "batch1_p50",
                    "batch1_p90",
                    "batch1_p99",
                    "model_only_p50");
            assertHas(model.getAsJsonObject("throughput_per_s"), "batch32", "batch64");
        }
        assertEquals("teacher", models.get(0).getAsJsonObject().get("role").getAsString());
        assertEquals(109_484_547, models.get(0).getAsJsonObject().get("parameters").getAsLong());
        assertTrue(
                models.get(1)
                                .getAsJsonObject()
                                .getAsJsonObject("vs_teacher")
                                .get("batch1_p50_speedup")
                                .getAsDouble()
                        > 1);
        assertHas(
                json.getAsJsonObject("environment"),
                "cpu",
                "cores",
                "java",
                "djl_version",
                "engine",
                "engine_version",
                "threads",
                "device",
                "git_commit",
                "date",
                "load_average");
        JsonObject environment = json.getAsJsonObject("environment");
        assertEquals(
                Environment.isBusy(
                        environment.get("load_average").getAsDouble(),
                        environment.get("cores").getAsInt()),
                markdown.contains("**Warning: the machine was busy as this report began**"),
                "the warning stands in report.md exactly when the load says so");
        assertEquals(
                environment.get("busy").getAsBoolean(),
                markdown.contains("**Warning: the machine was busy as this report began**"),
                "report.html shows its warning from the same field");
        assertTrue(Environment.isBusy(1.0, 2) && !Environment.isBusy(0.9, 2));
        assertFalse(Environment.isBusy(-1, 2), "no load average on this system: no warning");
        assertEquals("cpu()", json.getAsJsonObject("environment").get("device").getAsString());
        assertHas(json, "mcnemar", "benchmark", "config", "sweep", "seed_replicates");
        assertEquals(12, json.getAsJsonArray("sweep").size());
        JsonObject hard = json.getAsJsonArray("seed_replicates").get(0).getAsJsonObject();
        assertEquals("student-hard", hard.get("role").getAsString());
        assertEquals(2, hard.getAsJsonArray("accuracies").size());
        assertHas(hard, "seeds", "mean", "sd", "min", "max", "dev_sd", "dev_test_r");
        assertEquals("[0.8,0.82]", hard.getAsJsonArray("dev_accuracies").toString());
        assertEquals(0.81, hard.get("dev_mean").getAsDouble(), 1e-12);
        assertTrue(hard.get("dev_test_r").isJsonNull(), "two seeds give no correlation");
        JsonObject kd = json.getAsJsonArray("seed_replicates").get(1).getAsJsonObject();
        assertTrue(kd.get("welch_p_vs_student_hard").getAsDouble() > 0);
    }

    @Test
    void markdownHasEverySection() {
        assertTrue(markdown.startsWith("# Evaluation report: fake/test\n"));
        for (String heading :
                List.of(
                        "## Quality",
                        "## Across training seeds",
                        "## Dev against test across seeds",
                        "## Latency and throughput",
                        "## Footprint",
                        "## Per-class F1",
                        "## Confusion matrices",
                        "## McNemar's test",
                        "## Training curves",
                        "## T × α sweep",
                        "## Benchmark overhead",
                        "## Environment")) {
            assertTrue(markdown.contains(heading + "\n"), heading);
        }
        assertTrue(markdown.contains("| textcnn-kd | textcnn-hard | 8 | 4 |"), markdown);
        assertTrue(markdown.contains("Δ acc vs teacher (pts)"));
    }

    @Test
    void devAgainstTestRowsSetTheKeptDevAccuracyBesideTheTestMean() {
        JsonArray replicates = json.getAsJsonArray("seed_replicates");
        double hardTest = replicates.get(0).getAsJsonObject().get("mean").getAsDouble();
        double kdTest = replicates.get(1).getAsJsonObject().get("mean").getAsDouble();
        // dev: hard 0.80 and 0.82, kd 0.86 and 0.85 (SampleReport)
        String hardRow =
                String.format(
                        Locale.ROOT,
                        "| student-hard | 81.00 %% ± 1.41 | %.2f %% | %+.2f | +0.00 | +0.00 | – |",
                        100 * hardTest,
                        100 * (hardTest - 0.81));
        String kdRow =
                String.format(
                        Locale.ROOT,
                        "| student-kd | 85.50 %% ± 0.71 | %.2f %% | %+.2f | +4.50 | %+.2f | – |",
                        100 * kdTest,
                        100 * (kdTest - 0.855),
                        100 * (kdTest - hardTest));
        assertTrue(markdown.contains(hardRow), hardRow + "\n" + markdown);
        assertTrue(markdown.contains(kdRow), kdRow);
    }

    @Test
    void htmlIsSelfContainedWithEveryChart() {
        for (String id :
                List.of(
                        "chart-accuracy-latency",
                        "chart-throughput",
                        "chart-per-class-f1",
                        "confusion-matrices",
                        "chart-training-curves",
                        "chart-sweep",
                        "table-quality",
                        "table-seeds",
                        "table-dev-test",
                        "table-latency",
                        "table-footprint",
                        "table-mcnemar",
                        "table-environment",
                        "busy-warning")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("echarts.init"));
        assertTrue(
                html.contains("Apache ECharts") || html.length() > 1_000_000, "ECharts is inlined");
        assertFalse(html.contains("<script src"), "no external script");
        assertFalse(html.contains("/*__REPORT__*/") || html.contains("/*__ECHARTS__*/"));
        assertTrue(html.contains("\"bert-teacher\""));
    }

    private static void assertHas(JsonObject object, String... keys) {
        for (String key : keys) {
            assertTrue(object.has(key), "missing key " + key + " in " + object.keySet());
        }
    }
}

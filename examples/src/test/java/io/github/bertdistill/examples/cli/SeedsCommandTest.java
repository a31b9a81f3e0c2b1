package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.examples.testing.TinyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code student.seeds}: every student trained once per seed, and the report's spread. */
class SeedsCommandTest {
    private static final List<String> ROLES =
            List.of("student-hard", "student-kd", "student-kd-aug");

    @TempDir Path folder;

    @Test
    void everyStudentIsTrainedPerSeedAndTheReportGivesTheSpread() throws Exception {
        Path run = folder.resolve("run");
        String[] options = options("seed=7", "student.seeds=2");

        CliResult result = CliResult.run(StageCommandsTest.concat("run", options));

        assertEquals(0, result.exitCode(), result.toString());
        JsonObject report =
                JsonParser.parseString(Files.readString(run.resolve("report/report.json")))
                        .getAsJsonObject();
        JsonArray replicates = report.getAsJsonArray("seed_replicates");
        assertEquals(ROLES.size(), replicates.size(), replicates.toString());
        for (int i = 0; i < ROLES.size(); i++) {
            String role = ROLES.get(i);
            JsonObject spread = replicates.get(i).getAsJsonObject();
            assertEquals(role, spread.get("role").getAsString());
            assertEquals("[7,8]", spread.getAsJsonArray("seeds").toString());
            // The first seed's student is the main one, measured in full above.
            assertEquals(
                    mainAccuracy(report, role),
                    spread.getAsJsonArray("accuracies").get(0).getAsDouble(),
                    1e-12);
            // Beside each test accuracy, the dev accuracy the trainer says it kept.
            JsonArray devs = spread.getAsJsonArray("dev_accuracies");
            assertEquals(2, devs.size(), spread.toString());
            assertEquals(keptDevAccuracy(run, role), devs.get(0).getAsDouble(), 1e-12);
            assertEquals(keptDevAccuracy(run, role + "-seed8"), devs.get(1).getAsDouble(), 1e-12);
            Path main = run.resolve("students").resolve(role);
            Path other = run.resolve("students").resolve(role + "-seed8");
            assertTrue(Files.isRegularFile(other.resolve("model.safetensors")), role);
            assertFalse(
                    Arrays.equals(
                            Files.readAllBytes(main.resolve("model.safetensors")),
                            Files.readAllBytes(other.resolve("model.safetensors"))),
                    role + ": another seed gives other weights");
            assertTrue(
                    Files.isDirectory(run.resolve("students").resolve(role + "-seed8-training")));
        }
        String markdown = Files.readString(run.resolve("report/report.md"));
        assertTrue(markdown.contains("## Across training seeds"));
        assertTrue(markdown.contains("## Dev against test across seeds"));
        assertTrue(Files.readString(run.resolve("timings.json")).contains("student-kd-seed8"));
    }

    /** The best dev accuracy the trainer logged at its end: that of the checkpoint it kept. */
    private static double keptDevAccuracy(Path run, String student) throws IOException {
        List<String> lines =
                Files.readAllLines(
                        run.resolve("students").resolve(student + "-training/metrics.jsonl"));
        JsonObject end = JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
        assertEquals("end", end.get("event").getAsString());
        return end.get("bestDevAccuracy").getAsDouble();
    }

    @Test
    void theReportNamesAMissingSeed() throws Exception {
        String[] options = options();
        assertEquals(0, CliResult.run(StageCommandsTest.concat("run", options)).exitCode());

        CliResult report =
                CliResult.run(
                        StageCommandsTest.concat("report", options, "--set", "student.seeds=2"));

        assertEquals(2, report.exitCode(), report.toString());
        assertTrue(report.err().contains("student-hard-seed4 student"), report.err());
        assertTrue(report.err().contains("run 'bert-distill train --recipe "), report.err());
        assertTrue(report.err().contains(" --set student.seeds=2 --output "), report.err());
    }

    @Test
    void oneSeedCanBeTrainedAlone() throws Exception {
        Path run = folder.resolve("run");
        String[] options = options("student.seeds=3");
        assertEquals(0, CliResult.run(StageCommandsTest.concat("finetune", options)).exitCode());

        CliResult third = CliResult.run(StageCommandsTest.concat("train", options, "--seed", "5"));

        assertEquals(0, third.exitCode(), third.toString());
        assertEquals("student: " + run.resolve("students/student-hard-seed5"), third.out().strip());
        assertTrue(Files.notExists(run.resolve("students/student-hard")));
        assertTrue(Files.notExists(run.resolve("students/student-hard-seed4")));
        CliResult unknown =
                CliResult.run(StageCommandsTest.concat("train", options, "--seed", "9"));
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals(
                "bert-distill: --seed 9 is not one of the recipe's student seeds [3, 4, 5]"
                        + " (student.seeds = 3)",
                unknown.err().strip());
    }

    @Test
    void studentsTrainedByParallelJobsMatchThoseOfOneProcess() throws Exception {
        Path parallel = folder.resolve("run");
        Path sequential = folder.resolve("sequential");

        CliResult jobs =
                CliResult.run(
                        StageCommandsTest.concat(
                                "train", options(parallel, "student.seeds=2"), "--jobs", "2"));
        CliResult alone =
                CliResult.run(
                        StageCommandsTest.concat("train", options(sequential, "student.seeds=2")));

        assertEquals(0, jobs.exitCode(), jobs.toString());
        assertEquals(0, alone.exitCode(), alone.toString());
        assertEquals(
                "student: "
                        + parallel.resolve("students/student-hard")
                        + System.lineSeparator()
                        + "student: "
                        + parallel.resolve("students/student-hard-seed4"),
                jobs.out().strip());
        for (String student : List.of("student-hard", "student-hard-seed4")) {
            String log = Files.readString(parallel.resolve("logs").resolve(student + ".log"));
            assertTrue(log.contains(" train --recipe "), log);
            assertTrue(log.contains("-Dai.djl.pytorch.num_threads="), log);
            // Same seed, same data, same first batch: the same loss; the same model in the end.
            JsonObject[] ends = new JsonObject[2];
            double[] firstLosses = new double[2];
            Path[] runs = {parallel, sequential};
            for (int i = 0; i < runs.length; i++) {
                List<JsonObject> events = metrics(runs[i], student);
                firstLosses[i] = events.get(0).get("loss").getAsDouble();
                ends[i] = events.get(events.size() - 1);
            }
            assertEquals(firstLosses[1], firstLosses[0], 1e-5, student);
            assertEquals(
                    ends[1].get("bestDevAccuracy").getAsDouble(),
                    ends[0].get("bestDevAccuracy").getAsDouble(),
                    student);
        }
    }

    @Test
    void zeroJobsIsRefused() throws Exception {
        CliResult result =
                CliResult.run(StageCommandsTest.concat("train", options(), "--jobs", "0"));

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("bert-distill: --jobs must be at least 1, got 0", result.err().strip());
    }

    @Test
    void zeroSeedsIsRefused() throws Exception {
        CliResult result =
                CliResult.run(StageCommandsTest.concat("train", options("student.seeds=0")));

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: --set student.seeds=0: student.seeds: must be >= 1, got 0",
                result.err().strip());
    }

    /** The tiny recipe into {@code folder/run}, with a {@code --set} for each of {@code sets}. */
    private String[] options(String... sets) throws IOException {
        return options(folder.resolve("run"), sets);
    }

    /** The tiny recipe into {@code output}, with a {@code --set} for each of {@code sets}. */
    private String[] options(Path output, String... sets) throws IOException {
        return TinyRun.options(folder, output, sets);
    }

    private static List<JsonObject> metrics(Path run, String student) throws IOException {
        return Files.readAllLines(
                        run.resolve("students").resolve(student + "-training/metrics.jsonl"))
                .stream()
                .map(line -> JsonParser.parseString(line).getAsJsonObject())
                .toList();
    }

    private static double mainAccuracy(JsonObject report, String role) {
        for (var model : report.getAsJsonArray("models")) {
            if (model.getAsJsonObject().get("role").getAsString().equals(role)) {
                return model.getAsJsonObject().get("accuracy").getAsDouble();
            }
        }
        throw new AssertionError("no model of role " + role);
    }
}

package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.github.bertdistill.examples.testing.TinyRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The T × α sweep: alone, inside {@code run}, and in the report. */
class SweepCommandTest {
    @TempDir Path folder;

    @Test
    void aSweepTrainsEveryCellAndTheReportDrawsIt() throws Exception {
        String recipe = TinyRun.recipe(folder).toString();
        Path run = folder.resolve("run");
        String[] grid = {
            "--recipe",
            recipe,
            "--output",
            run.toString(),
            "--set",
            "sweep.temperatures=[1,4]",
            "--set",
            "sweep.alphas=[0.5]"
        };

        CliResult untaught = CliResult.run(StageCommandsTest.concat("sweep", grid));
        assertEquals(2, untaught.exitCode(), untaught.toString());
        assertTrue(untaught.err().contains("run 'bert-distill finetune --recipe "), untaught.err());

        PrintStream console = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        CliResult whole;
        try {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            whole = CliResult.run(StageCommandsTest.concat("run", grid));
        } finally {
            System.setErr(console);
        }
        assertEquals(0, whole.exitCode(), whole.toString());
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("sweep: the table is in "), logged);
        assertFalse(
                logged.contains("| T \\ α |"), "the table is printed once, by sweep: " + logged);
        List<String> csv = Files.readAllLines(run.resolve("sweep/sweep.csv"));
        assertEquals("temperature,alpha,dev_accuracy,best_step", csv.get(0));
        assertEquals(3, csv.size(), csv.toString());
        assertTrue(csv.get(1).startsWith("1,0.5,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("4,0.5,"), csv.get(2));
        assertTrue(Files.isDirectory(run.resolve("sweep/student-kd-T4.0-alpha0.5/best")));
        JsonArray drawn =
                JsonParser.parseString(Files.readString(run.resolve("report/report.json")))
                        .getAsJsonObject()
                        .getAsJsonArray("sweep");
        assertEquals(2, drawn.size(), drawn.toString());
        assertEquals(4.0, drawn.get(1).getAsJsonObject().get("temperature").getAsDouble());
        assertTrue(Files.readString(run.resolve("timings.json")).contains("\"sweep\""));

        CliResult again = CliResult.run(StageCommandsTest.concat("sweep", grid));
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().startsWith("| T \\ α |"), again.out());
        assertEquals(4, again.out().strip().split("\n").length, again.out());
    }

    @Test
    void aRecipeWithoutAGridSaysHowToAskForOne() {
        CliResult result = CliResult.run("sweep", "--output", folder.toString());
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: the recipe has no sweep: set sweep.temperatures and sweep.alphas,"
                        + " e.g. --set 'sweep.temperatures=[1,2,4]' --set 'sweep.alphas=[0.5]'",
                result.err().strip());
    }

    @Test
    void onlyADistilledStudentCanBeSwept() throws Exception {
        String recipe = TinyRun.recipe(folder).toString();
        Path run = folder.resolve("run");
        String[] options = {"--recipe", recipe, "--output", run.toString()};
        assertEquals(0, CliResult.run(StageCommandsTest.concat("finetune", options)).exitCode());
        assertEquals(0, CliResult.run(StageCommandsTest.concat("label", options)).exitCode());
        CliResult hard =
                CliResult.run(
                        StageCommandsTest.concat(
                                "sweep",
                                options,
                                "--set",
                                "sweep.role=student-hard",
                                "--set",
                                "sweep.temperatures=[2]",
                                "--set",
                                "sweep.alphas=[0.5]"));
        assertEquals(2, hard.exitCode(), hard.toString());
        assertEquals(
                "bert-distill: --set sweep.role=student-hard: sweep.role: must be a distilled"
                        + " student (student-kd or student-kd-aug), got student-hard",
                hard.err().strip());
    }
}

package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run killed with {@code kill -9} (no shutdown hook, no finally block, files possibly
 * half-written) resumes from its last checkpoint and ends with exactly the metrics, log and weights
 * of a run that was never interrupted. The runs are separate JVMs ({@link
 * TinyTaskTrainingProcess}); the victim is killed three steps after its second checkpoint, so the
 * resumed run must redo those steps.
 */
class KillResumeTest {
    private static final int KILL_AFTER_STEP = 2 * TinyTaskTrainingProcess.CHECKPOINT_EVERY + 3;
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir Path dir;

    @Test
    void aRunKilledWithSigkillResumesToTheUninterruptedResult() throws Exception {
        Path whole = dir.resolve("whole");
        assertEquals(0, finish(start(whole, "5")), "the uninterrupted run failed");

        Path killed = dir.resolve("killed");
        Process victim = start(killed, "5", "" + KILL_AFTER_STEP);
        assertEquals(TinyTaskTrainingProcess.PAUSED + KILL_AFTER_STEP, firstLine(victim));
        victim.destroyForcibly(); // SIGKILL on Linux and macOS
        assertTrue(victim.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertEquals(137, victim.exitValue(), "exit status of a process killed by SIGKILL");
        assertFalse(Files.exists(killed.resolve(TinyTaskTrainingProcess.RESULT_FILE)));
        assertEquals(
                "step-000000010",
                Files.readString(killed.resolve("checkpoints/LATEST")).strip(),
                "the last checkpoint before the kill");

        // Other initial weights: only a real resume can end with the uninterrupted run's weights.
        assertEquals(0, finish(start(killed, "99")), "the resumed run failed");
        assertEquals(result(whole), result(killed));
        assertEquals(
                TinyTask.loggedMetrics(whole.resolve("metrics.jsonl")),
                TinyTask.loggedMetrics(killed.resolve("metrics.jsonl")));
    }

    /** Starts {@link TinyTaskTrainingProcess} on {@code out} with {@code args}. */
    private static Process start(Path out, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(TinyTaskTrainingProcess.class.getName());
        command.add(out.toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static String firstLine(Process process) throws IOException {
        return new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
    }

    private static int finish(Process process) throws Exception {
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "timed out");
        return process.exitValue();
    }

    private static String result(Path out) throws IOException {
        return Files.readString(out.resolve(TinyTaskTrainingProcess.RESULT_FILE));
    }
}

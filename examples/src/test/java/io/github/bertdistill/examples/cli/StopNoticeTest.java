package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.examples.testing.TinyRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the command line in the middle of training: the process says it is stopping and what
 * the stop keeps, exits as a stopped program does (143), and leaves no JVM crash file.
 */
class StopNoticeTest {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir Path folder;

    @Test
    void aStoppedRecipeCommandSaysWhatItKeepsAndExits143() throws Exception {
        Path output = folder.resolve("run");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BertDistillCli.class.getName());
        command.add("train");
        // far more epochs than the test waits for
        command.addAll(List.of(TinyRun.options(folder, output, "student.training.epochs=100000")));
        Process process =
                new ProcessBuilder(command)
                        .directory(folder.toFile())
                        .redirectErrorStream(true)
                        .start();
        List<String> lines = new ArrayList<>();
        try {
            // the child's output is read in another thread, given up on after the timeout
            assertTimeoutPreemptively(
                    Duration.ofSeconds(TIMEOUT_SECONDS), () -> stopWhileTraining(process, lines));
            assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "did not stop");
        } finally {
            process.destroyForcibly();
        }
        assertEquals(143, process.exitValue(), String.join("\n", lines));
        assertTrue(
                lines.contains(
                        StopNotice.PREFIX
                                + "the training step or inference batch in flight ends first"
                                + " (at most 60 s); the run folder "
                                + output
                                + " keeps every finished stage, the saved chunks of logits and"
                                + " the last checkpoints, and the same command resumes it"),
                String.join("\n", lines));
        try (Stream<Path> files = Files.list(folder)) {
            assertTrue(
                    files.noneMatch(file -> file.getFileName().toString().startsWith("hs_err")),
                    "a JVM crash file");
        }
    }

    /** Reads {@code process}'s lines into {@code lines}, sending SIGTERM once it trains. */
    private static void stopWhileTraining(Process process, List<String> lines) throws IOException {
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("training on")) {
                lines.add(line);
            }
            assertTrue(line != null, "the command ended before training: " + lines);
            // SIGTERM on Linux and macOS; Process.destroy() would also close the output
            process.toHandle().destroy();
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
    }
}

package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libtorch's deprecation warning for {@code AutoNonVariableTypeMode}, printed by native code on
 * standard error, must not reach the user: weights are copied without the call that triggers it.
 * Each case runs in a JVM of its own, since libtorch prints the warning once per process.
 */
class NativeWarningsTest {
    private static final String WARNING = "AutoNonVariableTypeMode";

    @TempDir Path out;

    @Test
    void copyingWeightsPrintsNoNativeWarning() throws Exception {
        Run run = run(ArrayCopyProcess.class, "overwrite");

        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.err().contains(WARNING), run.err());
    }

    @Test
    void theWarningIsSeenWhenWeightsAreCopiedThroughABuffer() throws Exception {
        Run run = run(ArrayCopyProcess.class, "buffer");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains(WARNING), "the test can see the warning: " + run.err());
    }

    @Test
    void aTrainingThatRestoresItsBestWeightsPrintsNoNativeWarning() throws Exception {
        Run run = run(TinyTaskTrainingProcess.class, out.toString(), "1");

        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.err().contains(WARNING), run.err());
    }

    private record Run(int exitCode, String err) {}

    private static Run run(Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Process process =
                new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), err);
    }
}

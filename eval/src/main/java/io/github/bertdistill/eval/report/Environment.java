package io.github.bertdistill.eval.report;

import io.github.bertdistill.core.engine.EngineInfo;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where the numbers of a report were measured.
 *
 * @param cpu the CPU's model name, x86 family and model and widest vector extension from {@code
 *     /proc/cpuinfo} (see {@code CpuDescription}), or "unknown"
 * @param cores processors available to the JVM
 * @param os operating system name, version and architecture
 * @param java Java version and vendor
 * @param maxHeapBytes the JVM's maximum heap
 * @param djlVersion DJL's version
 * @param engineName the engine's name ("PyTorch")
 * @param engineVersion the engine's native version, such as 2.7.1
 * @param threads the engine's intra-/inter-op thread settings
 * @param device the device the models ran on, e.g. {@code cpu()}
 * @param gitCommit {@code git rev-parse HEAD} of the working directory, suffixed "-dirty" when
 *     tracked files differ from it, or "unknown"
 * @param date when the report was made (ISO-8601, UTC)
 * @param loadAverage the operating system's 1-minute load average as the measurement began (before
 *     the models were loaded), or a negative number where it has none; see {@link #isBusy}
 */
public record Environment(
        String cpu,
        int cores,
        String os,
        String java,
        long maxHeapBytes,
        String djlVersion,
        String engineName,
        String engineVersion,
        String threads,
        String device,
        String gitCommit,
        String date,
        double loadAverage) {
    private static final String UNKNOWN = "unknown";

    /** The environment of this JVM, running {@code engine}. */
    public static Environment probe(EngineInfo engine) {
        return new Environment(
                cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name")
                        + " "
                        + System.getProperty("os.version")
                        + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                Runtime.getRuntime().maxMemory(),
                engine.djlVersion(),
                engine.engineName(),
                engine.engineVersion(),
                engine.threads().describe(),
                engine.device(),
                headCommit(),
                Instant.now().toString(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Whether the machine was {@linkplain #isBusy busy} as the measurement began. */
    public boolean busy() {
        return isBusy(loadAverage, cores);
    }

    /**
     * The one rule for a machine too busy to time models on: a 1-minute load average of half the
     * cores or more. Other work on the cores slows the engine's threads unevenly, and times
     * measured so say less than they seem. The load average is the operating system's, which in a
     * container may count the host's work against the container's cores: the warning may then come
     * without cause, never the reverse.
     */
    public static boolean isBusy(double loadAverage, int cores) {
        return loadAverage >= cores / 2.0; // a negative (unknown) load never is
    }

    private static String cpuModel() {
        try {
            return CpuDescription.describe(
                            Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8))
                    .orElse(UNKNOWN);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** {@code HEAD}'s commit, with "-dirty" if tracked files have changes, or "unknown". */
    private static String headCommit() {
        return git("rev-parse", "HEAD")
                .map(
                        commit ->
                                git("status", "--porcelain", "--untracked-files=no")
                                        .map(
                                                changes ->
                                                        changes.isEmpty()
                                                                ? commit
                                                                : commit + "-dirty")
                                        .orElse(commit))
                .orElse(UNKNOWN);
    }

    /** The trimmed output of a successful git command in the working directory. */
    private static Optional<String> git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        try {
            Process git =
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            String out;
            try (InputStream stdout = git.getInputStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            boolean done = git.waitFor(5, TimeUnit.SECONDS);
            return done && git.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

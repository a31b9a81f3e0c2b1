package io.github.bertdistill.eval.footprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Resident memory of this process from Linux's {@code /proc/self/status}: {@code VmRSS} (resident
 * now) and {@code VmHWM} (the high-water mark, the peak since start or since the last reset).
 *
 * <p>Both are <b>process-wide</b>: they include the JVM, its heap and every model loaded so far.
 * The peak can be reset by writing {@code 5} to {@code /proc/self/clear_refs} (Linux ≥ 4.0); where
 * that is not permitted, the mark only grows and a later model's peak includes the earlier ones.
 * Off Linux every reading is empty.
 */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private MemoryProbe() {}

    /** Resident set size now ({@code VmRSS}), in bytes. */
    public static OptionalLong residentBytes() {
        return read("VmRSS:");
    }

    /** Peak resident set size ({@code VmHWM}), in bytes. */
    public static OptionalLong peakResidentBytes() {
        return read("VmHWM:");
    }

    /** Resets the peak to the current resident size; {@code false} if the kernel refused. */
    public static boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static OptionalLong read(String key) {
        try {
            List<String> lines = Files.readAllLines(STATUS, StandardCharsets.US_ASCII);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    String[] fields = line.substring(key.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(fields[0]) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

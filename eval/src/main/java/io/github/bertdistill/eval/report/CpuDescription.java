package io.github.bertdistill.eval.report;

import com.google.common.collect.ImmutableSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CPU line of a report, read from Linux's {@code /proc/cpuinfo}: the model name and, where the
 * kernel gives them, the x86 family and model and the widest vector extension, e.g. "AMD EPYC
 * (family 25, model 1; AVX2)".
 *
 * <p>The name alone cannot tell machines apart: virtual machines often report a bare "AMD EPYC" for
 * CPUs of different generations, and a small student's batch-1 latency, bound by small matrix
 * products, differed by 2–2.6× between two such VMs here (a Zen 4 with AVX-512 and a Zen 3 with
 * AVX2, see {@code docs/benchmarks/README.md}). Only the first processor's entry is read.
 */
final class CpuDescription {
    /** Vector extensions, widest first, by their {@code flags} (x86) or {@code Features} name. */
    private static final List<Map.Entry<String, String>> VECTOR_EXTENSIONS =
            List.of(
                    Map.entry("avx512f", "AVX-512"),
                    Map.entry("avx2", "AVX2"),
                    Map.entry("avx", "AVX"),
                    Map.entry("sve", "SVE"),
                    Map.entry("asimd", "NEON"));

    private CpuDescription() {}

    /** The description of the first processor in {@code cpuinfo}'s lines, if it has a name. */
    static Optional<String> describe(List<String> cpuinfo) {
        Map<String, String> fields = firstProcessor(cpuinfo);
        String name = fields.get("model name");
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder details = new StringBuilder();
        if (fields.containsKey("cpu family") && fields.containsKey("model")) {
            details.append("family ")
                    .append(fields.get("cpu family"))
                    .append(", model ")
                    .append(fields.get("model"));
        }
        String flags = fields.getOrDefault("flags", fields.getOrDefault("Features", ""));
        Set<String> present = ImmutableSet.copyOf(flags.split("\\s+"));
        VECTOR_EXTENSIONS.stream()
                .filter(extension -> present.contains(extension.getKey()))
                .findFirst()
                .ifPresent(
                        extension ->
                                details.append(details.length() > 0 ? "; " : "")
                                        .append(extension.getValue()));
        return Optional.of(details.length() == 0 ? name : name + " (" + details + ")");
    }

    /** The {@code key : value} fields up to the first blank line; the first of repeated keys. */
    private static Map<String, String> firstProcessor(List<String> cpuinfo) {
        Map<String, String> fields = new HashMap<>();
        for (String line : cpuinfo) {
            if (line.isBlank()) {
                if (!fields.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(
                        line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }
}

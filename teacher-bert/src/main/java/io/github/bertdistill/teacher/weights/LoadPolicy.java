package io.github.bertdistill.teacher.weights;

import java.util.ArrayList;
import java.util.List;

/**
 * Which imperfections of a weight import are acceptable. By default ({@link #strict()}) a missing
 * parameter, an unexpected tensor or a shape mismatch is an error. A new classifier head is
 * accepted with {@code strict().allowMissing("classifier.")}; a checkpoint's pooler that a model
 * does not use with {@code allowUnexpected("pooler.")}. Shape mismatches are never accepted.
 */
public final class LoadPolicy {
    private final List<String> missingAllowed;
    private final List<String> unexpectedAllowed;

    private LoadPolicy(List<String> missingAllowed, List<String> unexpectedAllowed) {
        this.missingAllowed = List.copyOf(missingAllowed);
        this.unexpectedAllowed = List.copyOf(unexpectedAllowed);
    }

    /** Every parameter must be loaded and every tensor used. */
    public static LoadPolicy strict() {
        return new LoadPolicy(List.of(), List.of());
    }

    /** This policy, also accepting missing parameters whose name starts with {@code prefix}. */
    public LoadPolicy allowMissing(String prefix) {
        List<String> more = new ArrayList<>(missingAllowed);
        more.add(prefix);
        return new LoadPolicy(more, unexpectedAllowed);
    }

    /** This policy, also ignoring unused tensors whose name starts with {@code prefix}. */
    public LoadPolicy allowUnexpected(String prefix) {
        List<String> more = new ArrayList<>(unexpectedAllowed);
        more.add(prefix);
        return new LoadPolicy(missingAllowed, more);
    }

    /** Whether {@code report} is acceptable under this policy. */
    public boolean accepts(LoadReport report) {
        return report.mismatched().isEmpty()
                && report.missing().stream().allMatch(name -> matches(missingAllowed, name))
                && report.unexpected().stream().allMatch(name -> matches(unexpectedAllowed, name));
    }

    private static boolean matches(List<String> prefixes, String name) {
        return prefixes.stream().anyMatch(name::startsWith);
    }
}

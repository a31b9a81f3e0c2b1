package io.github.bertdistill.examples.cli;

import java.util.OptionalLong;
import picocli.CommandLine.Option;

/**
 * {@code --seed N} of the student commands: train one of the recipe's {@code student.seeds} only,
 * so that the seeds of a run can be spread over several processes writing into one run folder.
 */
final class SeedOption {
    @Option(
            names = "--seed",
            paramLabel = "N",
            description =
                    "Train only the student of this seed, one of the recipe's student.seeds"
                            + " (default: every seed).")
    Long seed;

    OptionalLong value() {
        return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
    }
}

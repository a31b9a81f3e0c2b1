package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.eval.latency.LatencyBenchmark;
import io.github.bertdistill.examples.pipeline.LatencyProtocol;
import io.github.bertdistill.examples.recipe.Recipe;
import java.util.List;
import picocli.CommandLine.Option;

/** The latency protocol of {@code evaluate} and {@code bench}; defaults as a recipe's. */
final class LatencyOptions {
    private static final Recipe.Comparison DEFAULTS = new Recipe.Comparison();

    @Option(
            names = "--warmup-rounds",
            paramLabel = "N",
            description = "Rounds run before measuring (default: ${DEFAULT-VALUE}).")
    int warmupRounds = DEFAULTS.warmupRounds;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description =
                    "Measured rounds; models take turns in every round (default:"
                            + " ${DEFAULT-VALUE}).")
    int rounds = DEFAULTS.rounds;

    @Option(
            names = "--sentences",
            paramLabel = "N",
            description =
                    "Distinct texts timed, from the start of the data (default: ${DEFAULT-VALUE}).")
    int sentences = DEFAULTS.sentences;

    /** Refuses a bad value under its option's name; commands call it before any work. */
    void check() {
        try {
            protocol().check();
        } catch (ConfigException e) {
            throw OptionKeys.asOptionError(e);
        }
    }

    /** The benchmark over {@code texts}. */
    LatencyBenchmark benchmark(List<String> texts) {
        check();
        return LatencyProtocol.of(protocol(), texts);
    }

    private Recipe.Comparison protocol() {
        Recipe.Comparison spec = new Recipe.Comparison();
        spec.warmupRounds = warmupRounds;
        spec.rounds = rounds;
        spec.sentences = sentences;
        return spec;
    }
}

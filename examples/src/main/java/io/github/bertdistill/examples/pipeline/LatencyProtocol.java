package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.eval.latency.LatencyBenchmark;
import io.github.bertdistill.examples.recipe.Recipe;
import java.util.List;

/**
 * The recipe's latency protocol ({@code evaluation} section) as eval's {@link LatencyBenchmark}.
 */
public final class LatencyProtocol {
    private LatencyProtocol() {}

    /** The benchmark over the first {@code spec.sentences} of {@code texts}. */
    public static LatencyBenchmark of(Recipe.Comparison spec, List<String> texts) {
        return LatencyBenchmark.builder()
                .setSentences(texts.subList(0, Math.min(spec.sentences, texts.size())))
                .optWarmupRounds(spec.warmupRounds)
                .optMeasuredRounds(spec.rounds)
                .build();
    }
}

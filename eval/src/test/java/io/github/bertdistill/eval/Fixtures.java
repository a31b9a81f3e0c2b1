package io.github.bertdistill.eval;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.engine.ThreadSettings;
import io.github.bertdistill.eval.latency.LatencyBenchmark;
import java.util.ArrayList;
import java.util.List;

/** Shared test data: a small three-class dataset and a quick benchmark. */
public final class Fixtures {
    public static final LabelSet LABELS = LabelSet.of("neg", "neu", "pos");

    /** An engine description, so tests need not start PyTorch just to fill the environment. */
    public static final EngineInfo ENGINE =
            new EngineInfo("PyTorch", "2.7.1", "0.36.0", new ThreadSettings(1, 1), "cpu()", 0);

    private Fixtures() {}

    /** {@code size} examples "text i" whose gold label is {@code i mod 3}. */
    public static TextDataset dataset(int size) {
        List<TextExample> examples = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            examples.add(TextExample.labelled("e" + i, "text " + i, LABELS.name(i % 3)));
        }
        return TextDataset.of("fake/test", examples);
    }

    /** The gold index of a text made by {@link #dataset}. */
    public static int gold(String text) {
        return Integer.parseInt(text.substring(text.indexOf(' ') + 1)) % 3;
    }

    /** Right except on texts whose number is a multiple of {@code every}: those become "neg". */
    public static int wrongEvery(String text, int every) {
        int number = Integer.parseInt(text.substring(text.indexOf(' ') + 1));
        return number % every == 0 ? 0 : gold(text);
    }

    /** A benchmark short enough for unit tests. */
    public static LatencyBenchmark quickBenchmark(TextDataset dataset) {
        return LatencyBenchmark.builder()
                .setSentences(dataset.texts())
                .optWarmupRounds(1)
                .optMeasuredRounds(5)
                .optBatch1PerRound(4)
                .optBatchSizes(4, 8)
                .build();
    }
}

package io.github.bertdistill.eval.latency;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.TextClassifier;
import java.util.List;

/** A classifier that does no work: timing it measures the benchmark harness itself. */
final class NoOpClassifier implements TextClassifier {
    private static final LabelSet LABELS = LabelSet.of("none");

    @Override
    public LabelSet labels() {
        return LABELS;
    }

    @Override
    public float[][] logits(List<String> texts) {
        return new float[texts.size()][1];
    }

    @Override
    public void close() {}
}

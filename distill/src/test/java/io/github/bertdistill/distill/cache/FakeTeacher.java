package io.github.bertdistill.distill.cache;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.TextClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A teacher whose logits are a function of the text alone, which records every text it was asked
 * about and can fail on a given call to simulate an interrupted labelling run.
 */
final class FakeTeacher implements TextClassifier {
    private static final LabelSet LABELS = LabelSet.of("neg", "neu", "pos");

    private final int failOnCall;
    private final List<String> seen = new ArrayList<>();
    private int calls;

    /** A teacher that never fails. */
    FakeTeacher() {
        this(-1);
    }

    /** A teacher whose call number {@code failOnCall} (0-based) throws. */
    FakeTeacher(int failOnCall) {
        this.failOnCall = failOnCall;
    }

    static float[] expected(String text) {
        int h = text.hashCode();
        return new float[] {(h % 997) / 10f, ((h >> 8) % 991) / 10f, text.length()};
    }

    List<String> seen() {
        return seen;
    }

    @Override
    public LabelSet labels() {
        return LABELS;
    }

    @Override
    public float[][] logits(List<String> texts) {
        if (calls++ == failOnCall) {
            throw new IllegalStateException("teacher killed on call " + failOnCall);
        }
        seen.addAll(texts);
        float[][] rows = new float[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = expected(texts.get(i));
        }
        return rows;
    }

    @Override
    public void close() {}
}

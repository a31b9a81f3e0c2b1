package io.github.bertdistill.eval;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.TextClassifier;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A test classifier: predicts {@code answer(text)} with logit 2 (0 for the other classes) after
 * busy-waiting {@code spinNanosPerText} per text, so that a "slower" fake is slower without any
 * absolute timing.
 */
public class FakeClassifier implements TextClassifier {
    private final LabelSet labels;
    private final ToIntFunction<String> answer;
    private final long spinNanosPerText;
    private boolean closed;

    public FakeClassifier(LabelSet labels, ToIntFunction<String> answer, long spinNanosPerText) {
        this.labels = labels;
        this.answer = answer;
        this.spinNanosPerText = spinNanosPerText;
    }

    /** A classifier that answers instantly. */
    public static FakeClassifier instant(LabelSet labels, ToIntFunction<String> answer) {
        return new FakeClassifier(labels, answer, 0);
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public float[][] logits(List<String> texts) {
        long until = System.nanoTime() + spinNanosPerText * texts.size();
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        float[][] logits = new float[texts.size()][labels.size()];
        for (int i = 0; i < logits.length; i++) {
            logits[i][answer.applyAsInt(texts.get(i))] = 2f;
        }
        return logits;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}

package io.github.bertdistill.serving;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.model.TextEncoder;
import io.github.bertdistill.core.testing.CharacterEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A fast classifier in plain Java whose logits depend on every character of a text and on nothing
 * else (not on the batch it is in), so any mix-up of rows or texts shows. It records the size of
 * every call, and can hold its calls until {@link #release()}.
 */
final class ToyClassifier implements EncodingClassifier {
    static final LabelSet LABELS = LabelSet.of("neg", "neutral", "pos");

    private final TextEncoder encoder = CharacterEncoder.lowercaseLetters(64);
    private final List<Integer> batchSizes = new ArrayList<>();
    private final CountDownLatch gate;
    private final CountDownLatch entered = new CountDownLatch(1);

    private ToyClassifier(CountDownLatch gate) {
        this.gate = gate;
    }

    /** A classifier that answers at once. */
    static ToyClassifier open() {
        return new ToyClassifier(new CountDownLatch(0));
    }

    /** A classifier whose calls wait until {@link #release()}. */
    static ToyClassifier held() {
        return new ToyClassifier(new CountDownLatch(1));
    }

    void release() {
        gate.countDown();
    }

    /** Waits until a call has started. */
    void awaitCall() throws InterruptedException {
        entered.await();
    }

    synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    @Override
    public LabelSet labels() {
        return LABELS;
    }

    @Override
    public TextEncoder encoder() {
        return encoder;
    }

    @Override
    public float[][] logits(EncodedBatch batch) {
        synchronized (this) {
            batchSizes.add(batch.size());
        }
        entered.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long[] ids = batch.tokenIds();
        long[] mask = batch.attentionMask();
        float[][] rows = new float[batch.size()][];
        for (int r = 0; r < rows.length; r++) {
            long weighted = 0;
            int length = 0;
            for (int t = 0; t < batch.length(); t++) {
                int i = r * batch.length() + t;
                weighted += mask[i] * ids[i] * (t + 1);
                length += (int) mask[i];
            }
            rows[r] =
                    new float[] {
                        (weighted % 97) / 13f, length / 7f, (ids[r * batch.length()] % 5) / 3f
                    };
        }
        return rows;
    }

    @Override
    public void close() {}
}

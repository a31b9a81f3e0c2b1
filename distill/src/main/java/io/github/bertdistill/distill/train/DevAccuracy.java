package io.github.bertdistill.distill.train;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.model.Softmax;
import io.github.bertdistill.core.model.TextClassifier;
import java.util.List;

/**
 * Accuracy of a classifier on a labelled dataset, through {@link TextClassifier#logits}: the
 * inference path, so dropout is off and no gradient is recorded.
 */
final class DevAccuracy {
    private DevAccuracy() {}

    /** The fraction of {@code dev} whose arg-max logit is the gold label. */
    static double of(TextClassifier classifier, TextDataset dev, int batchSize) {
        int[] gold = dev.labelIndices(classifier.labels());
        List<String> texts = dev.texts();
        int correct = 0;
        for (int start = 0; start < gold.length; start += batchSize) {
            int end = Math.min(gold.length, start + batchSize);
            float[][] logits = classifier.logits(texts.subList(start, end));
            for (int i = 0; i < logits.length; i++) {
                correct += Softmax.argMax(logits[i]) == gold[start + i] ? 1 : 0;
            }
        }
        return (double) correct / gold.length;
    }
}

package io.github.bertdistill.core.model;

import io.github.bertdistill.core.data.LabelSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Anything that maps texts to class scores: a BERT teacher, a TextCNN student, a TorchScript model
 * a user brings. Evaluation, benchmarks and the distillation loop see models only through this
 * interface.
 *
 * <p>{@link #logits} returns raw, unnormalised scores {@code z}, never probabilities: distillation
 * needs the logits themselves to soften them at a temperature. {@link #predict} turns them into
 * probabilities at temperature 1, {@code p_i = exp(z_i) / Σ_j exp(z_j)}.
 *
 * <p>Implementations document whether one instance may be used from several threads.
 */
public interface TextClassifier extends AutoCloseable {

    /** The classes, in logit order. */
    LabelSet labels();

    /**
     * Raw logits for a batch of texts.
     *
     * @return one row per text, {@code labels().size()} columns
     */
    float[][] logits(List<String> texts);

    /** Predictions with probabilities at temperature 1 for a batch of texts. */
    default List<Prediction> predict(List<String> texts) {
        float[][] logits = logits(texts);
        List<Prediction> predictions = new ArrayList<>(logits.length);
        for (float[] row : logits) {
            predictions.add(Prediction.fromLogits(row, labels()));
        }
        return predictions;
    }

    /** The prediction for a single text. */
    default Prediction predict(String text) {
        return predict(List.of(text)).get(0);
    }

    /** Releases native memory held by the model. */
    @Override
    void close();
}

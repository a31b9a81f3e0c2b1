package io.github.bertdistill.core.model;

import io.github.bertdistill.core.data.LabelSet;
import java.util.Arrays;

/**
 * A classifier's answer for one text: the most probable class and the full distribution at
 * temperature 1.
 */
public final class Prediction {
    private final int index;
    private final String label;
    private final float[] probabilities;

    private Prediction(int index, String label, float[] probabilities) {
        this.index = index;
        this.label = label;
        this.probabilities = probabilities;
    }

    /** The prediction implied by one row of raw logits: softmax at T = 1, then arg-max. */
    public static Prediction fromLogits(float[] logits, LabelSet labels) {
        if (logits.length != labels.size()) {
            throw new IllegalArgumentException(
                    "got "
                            + logits.length
                            + " logits for "
                            + labels.size()
                            + " labels "
                            + labels.names());
        }
        float[] probabilities = Softmax.softmax(logits, 1f);
        int best = Softmax.argMax(probabilities);
        return new Prediction(best, labels.name(best), probabilities);
    }

    /** Index of the predicted class. */
    public int index() {
        return index;
    }

    /** Name of the predicted class. */
    public String label() {
        return label;
    }

    /** Probability of the predicted class. */
    public float confidence() {
        return probabilities[index];
    }

    /** Probabilities of all classes, in label order (a copy). */
    public float[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public String toString() {
        return "Prediction{" + label + ", p=" + Arrays.toString(probabilities) + "}";
    }
}

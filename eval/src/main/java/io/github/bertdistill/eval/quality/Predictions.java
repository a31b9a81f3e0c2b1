package io.github.bertdistill.eval.quality;

/**
 * What one model predicted on every example of a dataset, in dataset order.
 *
 * @param predicted the arg-max class index of each example
 * @param probabilities the softmax (T = 1) distribution of each example
 */
public record Predictions(int[] predicted, float[][] probabilities) {

    /** Whether each prediction equals the gold label of the same index. */
    public boolean[] correctness(int[] gold) {
        boolean[] correct = new boolean[predicted.length];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = predicted[i] == gold[i];
        }
        return correct;
    }
}

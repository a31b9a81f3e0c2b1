package io.github.bertdistill.distill.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Cross entropy with the gold label, {@code CE_i = −log softmax(z_s)_{y_i}}, for labelled examples
 * only.
 *
 * <p>It uses {@code logSoftmax}, never {@code log(softmax(z))}, so logits of any size give a finite
 * loss and gradient.
 */
public final class HardLabelLoss extends ExampleLoss {

    /** A cross-entropy term named {@code "hard"}. */
    public HardLabelLoss() {
        super("hard");
    }

    @Override
    public NDArray perExample(NDList labels, NDList predictions) {
        NDArray logProbabilities = predictions.head().logSoftmax(1);
        int classes = Math.toIntExact(logProbabilities.getShape().get(1));
        NDArray oneHot = DistillationLabels.oneHotLabels(labels, classes);
        return logProbabilities.mul(oneHot).sum(new int[] {1}).neg();
    }

    @Override
    public NDArray appliesTo(NDList labels) {
        return DistillationLabels.labelledMask(labels);
    }
}

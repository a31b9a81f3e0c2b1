package io.github.bertdistill.eval.quality;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.metrics.Agreement;
import io.github.bertdistill.core.metrics.CalibrationError;
import io.github.bertdistill.core.metrics.ClassMetrics;
import io.github.bertdistill.core.metrics.ClassificationMetrics;
import io.github.bertdistill.core.metrics.ConfusionMatrix;
import io.github.bertdistill.core.model.BucketedInference;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.eval.stats.Interval;
import io.github.bertdistill.eval.stats.PercentileBootstrap;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Runs a classifier over a dataset's texts and scores its predictions against gold labels.
 *
 * <p>Texts are classified in batches of up to {@link #batchSize()} texts of similar token length
 * ({@link BucketedInference}, the whole data set as one window), each padded to its longest text
 * only; the metrics come from {@code core.metrics} (confusion matrix, per-class scores, macro-F1,
 * agreement, calibration error) and the accuracy interval from a {@link PercentileBootstrap} on
 * per-example correctness.
 */
public final class QualityEvaluator {
    /** Texts per inference call unless set otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final PercentileBootstrap bootstrap;
    private final int eceBins;
    private final int batchSize;

    private QualityEvaluator(Builder builder) {
        this.bootstrap = builder.bootstrap;
        this.eceBins = builder.eceBins;
        this.batchSize = builder.batchSize;
    }

    /** A builder with the default bootstrap, 15 ECE bins and batches of 32. */
    public static Builder builder() {
        return new Builder();
    }

    /** The bootstrap behind the accuracy interval. */
    public PercentileBootstrap bootstrap() {
        return bootstrap;
    }

    /** Number of equal-width confidence bins of the ECE. */
    public int eceBins() {
        return eceBins;
    }

    /** Texts per inference call. */
    public int batchSize() {
        return batchSize;
    }

    /** The classifier's predictions on {@code texts}, in order. */
    public Predictions predict(TextClassifier classifier, List<String> texts) {
        float[][] logits = new BucketedInference(classifier, batchSize).logits(texts);
        int[] predicted = new int[texts.size()];
        float[][] probabilities = new float[texts.size()][];
        for (int i = 0; i < logits.length; i++) {
            Prediction prediction = Prediction.fromLogits(logits[i], classifier.labels());
            predicted[i] = prediction.index();
            probabilities[i] = prediction.probabilities();
        }
        return new Predictions(predicted, probabilities);
    }

    /**
     * Scores {@code predictions} against {@code gold}.
     *
     * @param teacher the teacher's predictions on the same examples, or {@code null} if there is no
     *     teacher
     */
    public QualityResult score(
            Predictions predictions, int[] gold, LabelSet labels, Predictions teacher) {
        int[] predicted = predictions.predicted();
        double[] correct = new double[gold.length];
        boolean[] correctness = predictions.correctness(gold);
        for (int i = 0; i < correct.length; i++) {
            correct[i] = correctness[i] ? 1 : 0;
        }
        Interval accuracy = bootstrap.meanInterval(correct);
        ConfusionMatrix confusion = ConfusionMatrix.of(gold, predicted, labels);
        ClassificationMetrics metrics = ClassificationMetrics.of(confusion);
        List<ClassScores> perClass = new ArrayList<>(labels.size());
        for (int c = 0; c < labels.size(); c++) {
            ClassMetrics m = metrics.forClass(c);
            perClass.add(
                    new ClassScores(
                            labels.name(c), m.precision(), m.recall(), m.f1(), m.support()));
        }
        return new QualityResult(
                accuracy,
                metrics.macroF1(),
                perClass,
                confusion.toArray(),
                CalibrationError.expected(predictions.probabilities(), gold, eceBins),
                teacher == null
                        ? OptionalDouble.empty()
                        : OptionalDouble.of(Agreement.rate(predicted, teacher.predicted())),
                predictions);
    }

    /** Settings of a {@link QualityEvaluator}. */
    public static final class Builder {
        private PercentileBootstrap bootstrap = PercentileBootstrap.defaults();
        private int eceBins = CalibrationError.DEFAULT_BINS;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {}

        /** The bootstrap of the accuracy interval. */
        public Builder optBootstrap(PercentileBootstrap bootstrap) {
            this.bootstrap = bootstrap;
            return this;
        }

        /** Number of ECE bins (> 0). */
        public Builder optEceBins(int eceBins) {
            checkArgument(eceBins > 0, "ECE bins must be > 0, got %s", eceBins);
            this.eceBins = eceBins;
            return this;
        }

        /** Texts per inference call (> 0). */
        public Builder optBatchSize(int batchSize) {
            checkArgument(batchSize > 0, "batch size must be > 0, got %s", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** The evaluator. */
        public QualityEvaluator build() {
            return new QualityEvaluator(this);
        }
    }
}

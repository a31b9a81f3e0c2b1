package io.github.bertdistill.core.metrics;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy, per-class precision/recall/F1 and macro-F1 of a {@link ConfusionMatrix}.
 *
 * <ul>
 *   <li>{@code accuracy = Σ_c count(c, c) / total};
 *   <li>per class, see {@link ClassMetrics} (a class never predicted has precision 0; F1 is 0 when
 *       precision and recall are both 0, as scikit-learn's {@code zero_division=0});
 *   <li>{@code macroF1 = (1/k) Σ_c f1(c)} over all {@code k} classes of the matrix, unweighted, so
 *       a class that never occurs and is never predicted counts as F1 = 0.
 * </ul>
 */
public final class ClassificationMetrics {
    private final double accuracy;
    private final ImmutableList<ClassMetrics> perClass;
    private final double macroF1;

    private ClassificationMetrics(double accuracy, List<ClassMetrics> perClass) {
        this.accuracy = accuracy;
        this.perClass = ImmutableList.copyOf(perClass);
        this.macroF1 = perClass.stream().mapToDouble(ClassMetrics::f1).average().orElseThrow();
    }

    /** The metrics of {@code matrix}. */
    public static ClassificationMetrics of(ConfusionMatrix matrix) {
        ImmutableList.Builder<ClassMetrics> perClass = ImmutableList.builder();
        for (int c = 0; c < matrix.numClasses(); c++) {
            perClass.add(
                    ClassMetrics.of(matrix.count(c, c), matrix.columnSum(c), matrix.rowSum(c)));
        }
        return new ClassificationMetrics(
                (double) matrix.correct() / matrix.total(), perClass.build());
    }

    /** The share of examples predicted correctly. */
    public double accuracy() {
        return accuracy;
    }

    /** Precision, recall, F1 and support of every class, in class-index order. */
    public List<ClassMetrics> perClass() {
        return perClass;
    }

    /** Precision, recall, F1 and support of class {@code index}. */
    public ClassMetrics forClass(int index) {
        return perClass.get(index);
    }

    /** The unweighted mean of the per-class F1 over all classes. */
    public double macroF1() {
        return macroF1;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "ClassificationMetrics{accuracy=%.4f, macroF1=%.4f}",
                accuracy,
                macroF1);
    }
}

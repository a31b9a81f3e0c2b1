package io.github.bertdistill.core.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import io.github.bertdistill.core.data.LabelSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Counts of (gold class, predicted class) pairs: {@code count(g, p)} is the number of examples
 * whose gold class is {@code g} and whose predicted class is {@code p}.
 *
 * <p>Row {@code g} sums to the number of examples of class {@code g} (its support); column {@code
 * p} sums to the number of examples predicted as {@code p}; the diagonal holds the correct
 * predictions. Class indices are positions in a {@link LabelSet} or any {@code 0..k-1} encoding.
 */
public final class ConfusionMatrix {
    private static final String CORNER = "gold\\pred";

    private final int[][] counts;
    private final ImmutableList<String> classNames;

    private ConfusionMatrix(int[][] counts, List<String> classNames) {
        this.counts = counts;
        this.classNames = ImmutableList.copyOf(classNames);
    }

    /**
     * The confusion matrix of parallel gold and predicted class indices; classes are shown by index
     * in {@link #toString()}.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length, if {@code
     *     numClasses < 1}, or if an index is outside {@code [0, numClasses)}
     */
    public static ConfusionMatrix of(int[] gold, int[] predicted, int numClasses) {
        checkArgument(numClasses >= 1, "need at least one class, got %s", numClasses);
        List<String> names = IntStream.range(0, numClasses).mapToObj(Integer::toString).toList();
        return count(gold, predicted, names);
    }

    /**
     * The confusion matrix of parallel gold and predicted indices into {@code labels}; classes are
     * shown by name in {@link #toString()}.
     *
     * @throws IllegalArgumentException as {@link #of(int[], int[], int)}
     */
    public static ConfusionMatrix of(int[] gold, int[] predicted, LabelSet labels) {
        return count(gold, predicted, labels.names());
    }

    private static ConfusionMatrix count(int[] gold, int[] predicted, List<String> classNames) {
        int numClasses = classNames.size();
        Checks.sameNonEmptyLength("gold", gold.length, "predicted", predicted.length);
        Checks.classIndices("gold", gold, numClasses);
        Checks.classIndices("predicted", predicted, numClasses);
        int[][] counts = new int[numClasses][numClasses];
        for (int i = 0; i < gold.length; i++) {
            counts[gold[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts, classNames);
    }

    /** Number of classes {@code k}; the matrix is {@code k × k}. */
    public int numClasses() {
        return counts.length;
    }

    /** Number of examples of gold class {@code gold} predicted as {@code predicted}. */
    public int count(int gold, int predicted) {
        return counts[checkClass(gold)][checkClass(predicted)];
    }

    /** Number of examples counted: the sum of all cells. */
    public int total() {
        int total = 0;
        for (int g = 0; g < numClasses(); g++) {
            total += rowSum(g);
        }
        return total;
    }

    /** Number of correct predictions: the sum of the diagonal. */
    public int correct() {
        int correct = 0;
        for (int c = 0; c < numClasses(); c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    /** Sum of row {@code gold}: the number of examples whose gold class is {@code gold}. */
    public int rowSum(int gold) {
        int sum = 0;
        for (int count : counts[checkClass(gold)]) {
            sum += count;
        }
        return sum;
    }

    /** Sum of column {@code predicted}: the number of examples predicted as {@code predicted}. */
    public int columnSum(int predicted) {
        checkClass(predicted);
        int sum = 0;
        for (int[] row : counts) {
            sum += row[predicted];
        }
        return sum;
    }

    /** The counts as {@code [gold][predicted]} (a copy), for reports and charts. */
    public int[][] toArray() {
        int[][] copy = new int[counts.length][];
        for (int g = 0; g < counts.length; g++) {
            copy[g] = counts[g].clone();
        }
        return copy;
    }

    private int checkClass(int index) {
        checkArgument(
                index >= 0 && index < counts.length,
                "class index %s out of range [0, %s)",
                index,
                counts.length);
        return index;
    }

    /**
     * The matrix as a right-aligned table, one row per gold class and one column per predicted
     * class, headed by the class names (or indices).
     */
    @Override
    public String toString() {
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add(CORNER);
        header.addAll(classNames);
        rows.add(header);
        for (int g = 0; g < numClasses(); g++) {
            List<String> row = new ArrayList<>();
            row.add(classNames.get(g));
            for (int count : counts[g]) {
                row.add(Integer.toString(count));
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                line.append(c == 0 ? "" : "  ")
                        .append(" ".repeat(widths[c] - row.get(c).length()))
                        .append(row.get(c));
            }
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }
}

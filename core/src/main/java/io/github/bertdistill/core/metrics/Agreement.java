package io.github.bertdistill.core.metrics;

/**
 * How often two classifiers agree: {@code rate = |{i : a[i] = b[i]}| / n}, for example the share of
 * texts on which a student predicts the same class as its teacher (fidelity), whatever the gold
 * label.
 */
public final class Agreement {
    private Agreement() {}

    /**
     * The fraction of positions where {@code a} and {@code b} hold the same class. Values are only
     * compared for equality, so any class encoding works.
     *
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double rate(int[] a, int[] b) {
        Checks.sameNonEmptyLength("a", a.length, "b", b.length);
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / a.length;
    }
}

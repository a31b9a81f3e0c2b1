package io.github.bertdistill.eval.report;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** How numbers appear in the Markdown tables; "–" stands for an unknown value. */
final class Format {
    static final String UNKNOWN = "–";

    private Format() {}

    /** A fraction as a percentage with two decimals: {@code 0.87345 → "87.35 %"}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /** A fraction as a percentage, or "–". */
    static String percent(OptionalDouble fraction) {
        return fraction.isPresent() ? percent(fraction.getAsDouble()) : UNKNOWN;
    }

    /** A fraction with three decimals. */
    static String fraction(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A signed difference in points: {@code "+1.20"}. */
    static String points(double points) {
        return String.format(Locale.ROOT, "%+.2f", points);
    }

    /** An unsigned spread in points, e.g. a standard deviation: {@code "0.85"}, or "–" if NaN. */
    static String spread(double points) {
        return Double.isFinite(points) ? String.format(Locale.ROOT, "%.2f", points) : UNKNOWN;
    }

    /** A factor: {@code "12.3×"}. */
    static String times(double factor) {
        return Double.isFinite(factor) ? String.format(Locale.ROOT, "%.1f×", factor) : UNKNOWN;
    }

    /** A factor, or "–". */
    static String times(OptionalDouble factor) {
        return factor.isPresent() ? times(factor.getAsDouble()) : UNKNOWN;
    }

    /** A fraction with three decimals, or "–". */
    static String fraction(OptionalDouble value) {
        return value.isPresent() ? fraction(value.getAsDouble()) : UNKNOWN;
    }

    /** Milliseconds with three decimals. */
    static String millis(double millis) {
        return String.format(Locale.ROOT, "%.3f", millis);
    }

    /** A rate with one decimal. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** A p-value: four decimals, or scientific notation below 0.0001. */
    static String pValue(double p) {
        return String.format(Locale.ROOT, p < 1e-4 ? "%.2e" : "%.4f", p);
    }

    /** A p-value, or "–". */
    static String pValue(OptionalDouble p) {
        return p.isPresent() ? pValue(p.getAsDouble()) : UNKNOWN;
    }

    /** A count with thousands separators, or "–". */
    static String count(OptionalLong count) {
        return count.isPresent() ? String.format(Locale.ROOT, "%,d", count.getAsLong()) : UNKNOWN;
    }

    /** Bytes in MiB with one decimal (KiB below a tenth of a MiB, which would read 0.0), or "–". */
    static String mebibytes(OptionalLong bytes) {
        if (bytes.isEmpty()) {
            return UNKNOWN;
        }
        double mebibytes = bytes.getAsLong() / (1024.0 * 1024.0);
        return mebibytes >= 0.05 || bytes.getAsLong() == 0
                ? String.format(Locale.ROOT, "%.1f MiB", mebibytes)
                : String.format(Locale.ROOT, "%.1f KiB", bytes.getAsLong() / 1024.0);
    }
}

package io.github.bertdistill.distill.train;

/**
 * A value that moves linearly from {@code from} to {@code to} over the run: {@code v(p) = from +
 * (to − from)·p}, where {@code p = step / totalSteps ∈ [0, 1]} is the training progress at the
 * start of a step. {@code from == to} is a constant. Used for the temperature {@code T} (for
 * example annealed from 8 to 1) and the hard-label weight {@code α}.
 *
 * @param from the value at the first step
 * @param to the value at the end of training
 */
public record Schedule(float from, float to) {

    /** A constant {@code value}. */
    public static Schedule constant(float value) {
        return new Schedule(value, value);
    }

    /** A linear ramp from {@code from} to {@code to}. */
    public static Schedule linear(float from, float to) {
        return new Schedule(from, to);
    }

    /** The value at {@code progress ∈ [0, 1]}. */
    public float valueAt(double progress) {
        return (float) (from + (to - from) * Math.min(1, Math.max(0, progress)));
    }
}

package io.github.bertdistill.eval.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A model compared with the teacher. Speed-ups and size reductions are "×" factors greater than 1
 * when the model is faster or smaller: {@code teacher p50 / model p50}, {@code model throughput /
 * teacher throughput}, {@code teacher parameters / model parameters}. Accuracy and macro-F1 are
 * differences in percentage points: {@code 100 · (model − teacher)}.
 *
 * @param accuracyDeltaPoints accuracy difference, in points
 * @param macroF1DeltaPoints macro-F1 difference, in points
 * @param batch1Speedup teacher batch-1 p50 over the model's
 * @param throughputSpeedup the model's throughput over the teacher's, by batch size
 * @param parameterReduction teacher parameters over the model's, if both are known
 * @param diskReduction teacher bytes on disk over the model's, if both are known
 */
public record TeacherRatios(
        double accuracyDeltaPoints,
        double macroF1DeltaPoints,
        double batch1Speedup,
        Map<Integer, Double> throughputSpeedup,
        OptionalDouble parameterReduction,
        OptionalDouble diskReduction) {

    /** {@code model} compared with {@code teacher}. */
    public static TeacherRatios of(ModelReport model, ModelReport teacher) {
        Map<Integer, Double> throughput = new LinkedHashMap<>();
        model.latency()
                .throughputPerSecond()
                .forEach(
                        (size, perSecond) ->
                                throughput.put(
                                        size,
                                        perSecond
                                                / teacher.latency()
                                                        .throughputPerSecond()
                                                        .get(size)));
        return new TeacherRatios(
                100
                        * (model.quality().accuracy().estimate()
                                - teacher.quality().accuracy().estimate()),
                100 * (model.quality().macroF1() - teacher.quality().macroF1()),
                model.latency().batch1SpeedupOver(teacher.latency()),
                throughput,
                ratio(teacher.footprint().parameters(), model.footprint().parameters()),
                ratio(teacher.footprint().diskBytes(), model.footprint().diskBytes()));
    }

    private static OptionalDouble ratio(OptionalLong numerator, OptionalLong denominator) {
        return numerator.isPresent() && denominator.isPresent() && denominator.getAsLong() > 0
                ? OptionalDouble.of((double) numerator.getAsLong() / denominator.getAsLong())
                : OptionalDouble.empty();
    }
}

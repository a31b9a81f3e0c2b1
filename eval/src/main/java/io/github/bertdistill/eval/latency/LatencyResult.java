package io.github.bertdistill.eval.latency;

import java.util.Map;
import java.util.Optional;

/**
 * What the {@link LatencyBenchmark} measured for one model.
 *
 * @param name the model's name
 * @param batch1EndToEnd one text per call, tokenisation included
 * @param batch1ModelOnly one text per call, tensor creation + forward pass + copying the logits
 *     out, tokenisation excluded; empty when the model is not a {@code TrainableClassifier}
 * @param throughputPerSecond texts per second by batch size, end to end: texts classified divided
 *     by the time spent classifying them over all measured rounds
 */
public record LatencyResult(
        String name,
        LatencyStats batch1EndToEnd,
        Optional<LatencyStats> batch1ModelOnly,
        Map<Integer, Double> throughputPerSecond) {

    /**
     * How many times faster than {@code baseline} this model classifies a single text, end to end:
     * {@code baseline p50 / this model's p50} (above 1 when this model is faster).
     */
    public double batch1SpeedupOver(LatencyResult baseline) {
        return baseline.batch1EndToEnd().p50() / batch1EndToEnd().p50();
    }
}

package io.github.bertdistill.eval.latency;

import java.util.List;

/**
 * All results of one {@link LatencyBenchmark} run.
 *
 * @param models one result per model, in the order given
 * @param harnessOverhead a no-op classifier timed through the same harness, in the same rounds: the
 *     cost of the measurement itself (timer reads, list building, the call)
 * @param wallSeconds wall time of the whole run, warm-up included
 */
public record LatencyReport(
        List<LatencyResult> models, LatencyResult harnessOverhead, double wallSeconds) {}

/**
 * The latency and throughput protocol: warm-up, interleaved rounds, batch-1 percentiles end to end
 * and model-only, throughput at larger batches, and the harness's own overhead.
 */
package io.github.bertdistill.eval.latency;

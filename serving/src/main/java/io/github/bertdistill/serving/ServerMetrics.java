package io.github.bertdistill.serving;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.IntSupplier;

/**
 * The server's Prometheus metrics, in a registry of their own (so two servers in one JVM do not
 * share counts), written in Prometheus' text format by {@code GET /metrics}:
 *
 * <ul>
 *   <li>{@code bert_distill_requests_total{endpoint, status}}: every answered request;
 *   <li>{@code bert_distill_request_errors_total{endpoint, status}}: those answered with 4xx/5xx;
 *   <li>{@code bert_distill_request_duration_seconds{endpoint}}: latency histogram, from the
 *       request's arrival to its answer being ready (counted before it is sent);
 *   <li>{@code bert_distill_batch_size}: texts per model call (histogram);
 *   <li>{@code bert_distill_texts_total}, {@code bert_distill_truncated_texts_total}: texts
 *       classified, and those cut to the length limit;
 *   <li>{@code bert_distill_model_truncated_texts_total}: texts longer than the model reads (its
 *       encoder's maximum length in tokens), counted for a model that exposes its encoder;
 *   <li>{@code bert_distill_queued_texts}: texts admitted and not yet answered.
 * </ul>
 */
final class ServerMetrics {
    private static final double[] LATENCY_BOUNDS = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };
    private static final double[] BATCH_BOUNDS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Counter errors;
    private final Histogram latency;
    private final Histogram batchSizes;
    private final Counter texts;
    private final Counter truncated;
    private final Counter modelTruncated;

    ServerMetrics(IntSupplier queuedTexts) {
        requests =
                Counter.builder()
                        .name("bert_distill_requests_total")
                        .help("Requests answered, by endpoint and HTTP status.")
                        .labelNames("endpoint", "status")
                        .register(registry);
        errors =
                Counter.builder()
                        .name("bert_distill_request_errors_total")
                        .help("Requests answered with an error status (4xx, 5xx).")
                        .labelNames("endpoint", "status")
                        .register(registry);
        latency =
                Histogram.builder()
                        .name("bert_distill_request_duration_seconds")
                        .help("Time from reading a request to its answer.")
                        .labelNames("endpoint")
                        .classicOnly()
                        .classicUpperBounds(LATENCY_BOUNDS)
                        .register(registry);
        batchSizes =
                Histogram.builder()
                        .name("bert_distill_batch_size")
                        .help("Texts per model call.")
                        .classicOnly()
                        .classicUpperBounds(BATCH_BOUNDS)
                        .register(registry);
        texts =
                Counter.builder()
                        .name("bert_distill_texts_total")
                        .help("Texts classified.")
                        .register(registry);
        truncated =
                Counter.builder()
                        .name("bert_distill_truncated_texts_total")
                        .help("Texts cut to the server's length limit before classifying.")
                        .register(registry);
        modelTruncated =
                Counter.builder()
                        .name("bert_distill_model_truncated_texts_total")
                        .help("Texts longer than the model reads: it saw their first tokens only.")
                        .register(registry);
        GaugeWithCallback.builder()
                .name("bert_distill_queued_texts")
                .help("Texts admitted and not yet answered.")
                .callback(callback -> callback.call(queuedTexts.getAsInt()))
                .register(registry);
    }

    /** Counts an answered request and its latency. */
    void answered(String endpoint, int status, long startNanos) {
        String code = Integer.toString(status);
        requests.labelValues(endpoint, code).inc();
        if (status >= 400) {
            errors.labelValues(endpoint, code).inc();
        }
        latency.labelValues(endpoint).observe((System.nanoTime() - startNanos) / 1e9);
    }

    /** Counts one model call of {@code size} texts. */
    void batch(int size) {
        batchSizes.observe(size);
        texts.inc(size);
    }

    /** Counts texts the model's encoder cut to its maximum length. */
    void modelTruncated(int count) {
        if (count > 0) {
            modelTruncated.inc(count);
        }
    }

    /** Counts texts cut to the length limit. */
    void truncated(int count) {
        if (count > 0) {
            truncated.inc(count);
        }
    }

    /** The content type of {@link #write}. */
    String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** Writes every metric in Prometheus' text format. */
    void write(OutputStream out) throws IOException {
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
    }
}

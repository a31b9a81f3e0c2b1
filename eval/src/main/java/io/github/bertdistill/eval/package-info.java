/**
 * Comparison of any {@code core} classifiers on quality, latency and footprint, and the reports
 * that publish it. Never depends on a concrete teacher or student.
 *
 * <p>{@link io.github.bertdistill.eval.Evaluation} runs a comparison of {@link
 * io.github.bertdistill.eval.ModelSpec}s on a labelled test set; {@link
 * io.github.bertdistill.eval.report.ReportWriter} publishes it. The work is split by aspect: {@code
 * .quality} (metrics on predictions), {@code .latency} (the timing protocol), {@code .footprint}
 * (parameters, disk, memory), {@code .stats} (bootstrap, McNemar, percentiles) and {@code .report}
 * (the report's data and its JSON, Markdown and HTML forms).
 */
package io.github.bertdistill.eval;

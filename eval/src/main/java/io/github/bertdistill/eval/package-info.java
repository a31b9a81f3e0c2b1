/**
 * Comparison of any {@code core} classifiers on quality, latency and footprint, and the reports
 * that publish it. Never depends on a concrete teacher or student.
 */
package io.github.bertdistill.eval;

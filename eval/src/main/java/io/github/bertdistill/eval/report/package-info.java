/**
 * The result of an evaluation and its three published forms: {@code report.json}, {@code report.md}
 * and a self-contained {@code report.html} with ECharts charts.
 */
package io.github.bertdistill.eval.report;

package io.github.bertdistill.eval.report;

import io.github.bertdistill.eval.stats.McNemarTest;

/**
 * McNemar's test between two models of a report.
 *
 * @param modelA the first model ({@code b} counts its wins)
 * @param modelB the second model ({@code c} counts its wins)
 * @param result the test
 */
public record PairedTest(String modelA, String modelB, McNemarTest.Result result) {}

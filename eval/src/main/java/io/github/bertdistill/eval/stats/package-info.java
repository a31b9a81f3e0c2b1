/**
 * The small statistics the comparison needs beyond plain metrics: nearest-rank percentiles, the
 * percentile bootstrap and McNemar's test.
 */
package io.github.bertdistill.eval.stats;

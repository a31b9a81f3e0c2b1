package io.github.bertdistill.eval.report;

/**
 * One cell of a distillation sweep over temperature {@code T} and loss weight {@code α}.
 *
 * @param temperature the softmax temperature of the soft targets
 * @param alpha the weight of the distillation loss
 * @param accuracy the resulting student's accuracy
 */
public record SweepPoint(double temperature, double alpha, double accuracy) {}

/**
 * The TextCNN model: {@link io.github.bertdistill.student.model.TextCnnConfig} (hyper-parameters),
 * {@link io.github.bertdistill.student.model.TextCnnBlock} (the DJL network: embeddings →
 * convolutions of several widths → masked max over time → ReLU → dropout → linear logits) and
 * {@link io.github.bertdistill.student.model.TextCnnClassifier} (block + vocabulary + labels, a
 * {@code core} {@code TrainableClassifier} that serves from many threads and saves to a model
 * folder).
 */
package io.github.bertdistill.student.model;

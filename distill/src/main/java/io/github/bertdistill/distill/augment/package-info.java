/**
 * Transfer-set augmentation after Tang et al. 2019, "Distilling Task-Specific Knowledge from BERT
 * into Simple Neural Networks", §3.3: masking, word replacement and n-gram sampling create extra
 * unlabelled texts on which the student learns to imitate the teacher.
 *
 * <p>{@link io.github.bertdistill.distill.augment.Augmenter} makes the copies, {@link
 * io.github.bertdistill.distill.augment.TransferSet} joins them with the labelled training set.
 */
package io.github.bertdistill.distill.augment;

/**
 * Knowledge distillation (Hinton et al. 2015, "Distilling the Knowledge in a Neural Network"): the
 * losses, the teacher-logit cache, transfer-set augmentation and the training loop. Works on {@code
 * core}'s contracts only and never depends on a concrete teacher or student.
 */
package io.github.bertdistill.distill;

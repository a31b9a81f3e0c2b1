/**
 * Knowledge-distillation losses as DJL {@link ai.djl.training.loss.Loss}es, composed from
 * per-example terms.
 *
 * <p>Every loss here reads the same label list, built by {@link
 * io.github.bertdistill.distill.loss.DistillationLabels}: {@code [hardLabels int64 [B] (−1 =
 * unlabelled), teacherLogits float32 [B, C], hasTeacher float32 [B]]}; the predictions are {@code
 * [studentLogits float32 [B, C]]}. Each term says per example whether it applies, and a loss over a
 * batch is the mean over the examples it applies to (a batch mean, never a mean over the {@code
 * B·C} elements).
 *
 * <ul>
 *   <li>{@link io.github.bertdistill.distill.loss.HardLabelLoss}: cross entropy with the gold
 *       label;
 *   <li>{@link io.github.bertdistill.distill.loss.SoftTargetLoss}: {@code T²·KL(softmax(z_t/T) ‖
 *       softmax(z_s/T))} (Hinton et al. 2015);
 *   <li>{@link io.github.bertdistill.distill.loss.MseLogitLoss}: {@code ‖z_s − z_t‖²} (Tang et al.
 *       2019);
 *   <li>{@link io.github.bertdistill.distill.loss.DistillationLoss}: {@code α·hard + (1−α)·soft},
 *       renormalised per example when a term is missing.
 * </ul>
 */
package io.github.bertdistill.distill.loss;

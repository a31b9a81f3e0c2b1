/**
 * The training loop shared by supervised fine-tuning and knowledge distillation: {@link
 * io.github.bertdistill.distill.train.DistillationTrainer}, configured by an engineering {@link
 * io.github.bertdistill.distill.train.TrainerConfig} and a method {@link
 * io.github.bertdistill.distill.train.MethodConfig} (TextBrewer's split), fed with teacher logits
 * through {@link io.github.bertdistill.distill.train.SoftTargets} (looked up by example id),
 * observed through {@link io.github.bertdistill.distill.train.TrainerListener}s, and resumable bit
 * for bit from its checkpoints. {@link io.github.bertdistill.distill.train.TemperatureAlphaSweep}
 * runs it over a {@code T × α} grid.
 */
package io.github.bertdistill.distill.train;

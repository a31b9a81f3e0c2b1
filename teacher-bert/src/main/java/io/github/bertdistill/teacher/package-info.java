/**
 * BERT teachers: a Hugging Face compatible BERT in DJL blocks, weight import, tokenizer,
 * classification head, presets and TorchScript teachers. Depends only on {@code core}.
 *
 * <ul>
 *   <li>{@code config}: {@link io.github.bertdistill.teacher.config.BertConfig}, a Hugging Face
 *       {@code config.json};
 *   <li>{@code model}: the forward-only blocks ({@code BertModel}, {@code BertClassifierBlock}),
 *       every parameter addressable by its HF name;
 *   <li>{@code weights}: readers (ONNX, safetensors, TF bundles) and the all-or-nothing {@code
 *       WeightLoader} with its {@code LoadReport};
 *   <li>{@code tokenizer}: WordPiece through DJL's Hugging Face tokenizers, from local files;
 *   <li>{@code preset}: pretrained encoders carried by Maven jars;
 *   <li>{@code inference}: length-sorted batched soft-target generation;
 *   <li>{@code torchscript}: traced PyTorch classifiers;
 *   <li>{@link io.github.bertdistill.teacher.BertClassifier}: the teacher itself.
 * </ul>
 */
package io.github.bertdistill.teacher;

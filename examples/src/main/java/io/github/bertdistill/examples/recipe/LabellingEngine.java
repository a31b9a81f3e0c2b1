package io.github.bertdistill.examples.recipe;

import com.google.gson.annotations.SerializedName;

/**
 * Which runtime writes the teacher's soft targets: the {@code engine.labelWith} values. It applies
 * to a BERT teacher fine-tuned by the project; a teacher brought as {@code model.onnx} always runs
 * on ONNX Runtime and one brought as {@code model.pt} on PyTorch.
 *
 * <p>The choice was made by measurement ({@code docs/benchmarks/engines/}): on the CPU, ONNX
 * Runtime labels batch-32 texts faster than DJL's PyTorch engine at the same thread count, and its
 * logits agree with the training-time forward within 1e-6 (checked again at the start of every
 * label stage, with a 1e-4 limit).
 */
public enum LabellingEngine {
    /** ONNX Runtime when the run computes on the CPU, PyTorch on a GPU. */
    @SerializedName("auto")
    AUTO,
    /** The teacher's own DJL forward on the PyTorch engine. */
    @SerializedName("pytorch")
    PYTORCH,
    /** ONNX Runtime (CPU) on the ONNX graph the project writes of the fine-tuned teacher. */
    @SerializedName("onnx-runtime")
    ONNX_RUNTIME
}

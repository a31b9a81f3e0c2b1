/**
 * Writing ONNX graphs: {@link io.github.bertdistill.core.onnx.OnnxGraph} assembles operator nodes,
 * weights and typed inputs and outputs into an ONNX model that ONNX Runtime (or any ONNX consumer)
 * can run. The model modules describe their own networks with it.
 */
package io.github.bertdistill.core.onnx;

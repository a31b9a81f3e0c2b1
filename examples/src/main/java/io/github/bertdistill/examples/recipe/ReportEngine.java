package io.github.bertdistill.examples.recipe;

import com.google.gson.annotations.SerializedName;

/**
 * What runs the teacher and the three students while the report (step 4) scores and times them: the
 * {@code engine.reportWith} values.
 *
 * <p>A batch-1 speed-up is a ratio of two engines' times, and the ratio moves with the engine: on
 * an AVX2 CPU the SST-2 BiLSTM student was 19–24× its bge-small-en teacher on PyTorch and 31–32× on
 * ONNX Runtime, where the exported student runs 2.3–3.2 times and the teacher 1.6–2.0 times faster
 * ({@code docs/benchmarks/sst2-phrases-bge-phrase-copies/bench-onnx.txt}); a TextCNN student gains
 * less than its teacher there, so its ratio falls. So a team that will serve the exported models
 * measures them on ONNX Runtime, both sides alike.
 */
public enum ReportEngine {
    /** The run's folders as trained, on DJL's PyTorch engine (the default). */
    @SerializedName("pytorch")
    PYTORCH,
    /**
     * Each model exported as {@code bert-distill export} writes it, into the run folder's {@code
     * onnx-exports} (removed when the report ends), and run on ONNX Runtime (CPU); the report goes
     * to {@code report-onnx}, beside the PyTorch one. Needs WordPiece students: only their export
     * carries a tokenizer ({@code tokenizer.json}).
     */
    @SerializedName("onnx-runtime")
    ONNX_RUNTIME
}

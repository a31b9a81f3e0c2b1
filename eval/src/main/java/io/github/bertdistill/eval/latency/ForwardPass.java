package io.github.bertdistill.eval.latency;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.TrainableClassifier;
import java.util.List;

/**
 * The model-only path of a {@link TrainableClassifier}: the batch is encoded before the clock
 * starts, then the timed part is exactly what {@code BlockTextClassifier.logits} does after
 * tokenising — creating the input tensors, the block's forward pass in inference mode, and copying
 * the logits to a Java array.
 */
final class ForwardPass {
    private final TrainableClassifier classifier;

    ForwardPass(TrainableClassifier classifier) {
        this.classifier = classifier;
    }

    /** Tokenises and pads {@code texts} (not timed). */
    EncodedBatch encode(List<String> texts) {
        return classifier.encoder().encodeBatch(texts);
    }

    /** Runs the block on {@code batch}; returns the elapsed nanoseconds and feeds {@code sink}. */
    long time(EncodedBatch batch, Sink sink) {
        try (NDManager step = EngineBootstrap.newManager()) {
            long begin = System.nanoTime();
            NDList input = batch.toNDList(step);
            float[] logits =
                    classifier
                            .block()
                            .forward(new ParameterStore(step, false), input, false)
                            .head()
                            .toFloatArray();
            long elapsed = System.nanoTime() - begin;
            sink.consume(logits);
            return elapsed;
        }
    }
}

package io.github.bertdistill.examples.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.distill.loss.ExampleLoss;
import io.github.bertdistill.distill.train.AdamOptimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One optimisation step as the peer harness times it (zero gradients, forward in training mode,
 * loss, backward, optimiser step; no data loading, no clipping), on the project's own parts: the
 * block, an {@link ExampleLoss} and distill's {@link AdamOptimizer}, with every array of the step
 * in a step-scoped manager as distill's training loop keeps them.
 */
final class TrainingStep {
    private static final NDIndex ALL = new NDIndex("...");

    private final Block block;
    private final ExampleLoss loss;
    private final AdamOptimizer optimizer;
    private final float learningRate;
    private final NDManager manager;
    private final List<NDArray> parameters = new ArrayList<>();
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();

    TrainingStep(
            Block block,
            ExampleLoss loss,
            AdamOptimizer optimizer,
            float learningRate,
            NDManager manager) {
        this.block = block;
        this.loss = loss;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.manager = manager;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            parameters.add(array);
            if (pair.getValue().requiresGradient()) {
                array.setRequiresGradient(true);
                trainable.put(pair.getKey(), array);
            }
        }
    }

    /** Runs one step on the batch that {@code batch} builds in the step's manager. */
    void run(Batch batch) {
        try (NDManager scope = manager.newSubManager()) {
            parameters.forEach(array -> array.tempAttach(scope));
            NDList inputs = batch.inputs(scope);
            try (GradientCollector collector =
                    Engine.getEngine(EngineBootstrap.ENGINE_NAME).newGradientCollector()) {
                NDArray logits =
                        block.forward(new ParameterStore(scope, false), inputs, true).head();
                collector.backward(loss.evaluate(batch.labels(scope), new NDList(logits)));
            }
            optimizer.update(scope, trainable, learningRate);
            trainable.values().forEach(array -> array.getGradient().set(ALL, 0));
        }
    }

    /** A pre-made batch, turned into arrays in the step's manager. */
    interface Batch {
        NDList inputs(NDManager scope);

        NDList labels(NDManager scope);
    }
}

package io.github.bertdistill.distill.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.engine.NativeWork;
import io.github.bertdistill.distill.loss.DistillationLoss;
import io.github.bertdistill.distill.loss.FeatureMatchedLoss;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One optimisation step: forward in training mode, loss, backward, clipping, update.
 *
 * <p>Every NDArray of the step lives in a step-scoped manager closed at its end: the block's
 * parameters and the optimiser's moments are attached to it only temporarily, so the results of
 * every operation on them (activations, gradients handles, update terms) are freed with the step
 * and native memory stays flat however long the run. The engine's random seed is set from (run
 * seed, step) before the forward pass, so dropout masks are a function of the step: a resumed run
 * draws the same ones.
 */
final class StepRunner {
    private final Block block;
    private final BatchAssembler assembler;
    private final MethodConfig method;
    private final AdamOptimizer optimizer;
    private final NDManager runManager;
    private final long seed;
    private final List<NDArray> parameters;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();

    /** What a step did. */
    record Outcome(
            double loss,
            double gradientNorm,
            float learningRate,
            float temperature,
            float alpha,
            int examples) {}

    /**
     * @param block what is trained: the classifier's block, or a {@link FeatureProjectionBlock}
     *     around it when the method matches features
     */
    StepRunner(
            Block block,
            BatchAssembler assembler,
            MethodConfig method,
            AdamOptimizer optimizer,
            NDManager runManager,
            long seed) {
        this.block = block;
        this.assembler = assembler;
        this.method = method;
        this.optimizer = optimizer;
        this.runManager = runManager;
        this.seed = seed;
        this.parameters = List.copyOf(NamedArrays.parameters(block).values());
        trainable.putAll(NamedArrays.trainable(block));
        trainable.values().forEach(array -> array.setRequiresGradient(true));
    }

    /**
     * Runs step {@code step} (0-based) of {@code totalSteps} on {@code examples}.
     *
     * @throws NonFiniteLossException if the loss or the gradient norm is not finite; nothing is
     *     updated then
     */
    Outcome run(List<TextExample> examples, long step, long totalSteps) {
        return NativeWork.run(() -> runStep(examples, step, totalSteps));
    }

    private Outcome runStep(List<TextExample> examples, long step, long totalSteps) {
        double progress = (double) step / totalSteps;
        DistillationLoss loss = method.lossAt(progress);
        boolean matchFeatures = method.featureWeight() > 0;
        Loss objective =
                matchFeatures ? new FeatureMatchedLoss(loss, method.featureWeight()) : loss;
        float learningRate = method.learningRateAt(step, totalSteps);
        Engine.getEngine(EngineBootstrap.ENGINE_NAME)
                .setRandomSeed((int) (Seeds.mix(seed, step) & Integer.MAX_VALUE));
        try (NDManager scope = runManager.newSubManager()) {
            parameters.forEach(array -> array.tempAttach(scope));
            BatchAssembler.Batch batch = assembler.assemble(examples, scope);
            float value;
            try (GradientCollector collector =
                    Engine.getEngine(EngineBootstrap.ENGINE_NAME).newGradientCollector()) {
                NDList outputs =
                        block.forward(new ParameterStore(scope, false), batch.inputs(), true);
                NDList predictions = matchFeatures ? outputs : new NDList(outputs.head());
                NDArray lossValue = objective.evaluate(batch.labels(), predictions);
                value = lossValue.getFloat();
                checkFinite("loss", value);
                collector.backward(lossValue);
            }
            double norm = GradientClipping.clipByGlobalNorm(trainable.values(), method.clipNorm());
            if (!Double.isFinite(norm)) {
                String culprits = nonFiniteGradients();
                zeroGradients();
                throw new NonFiniteLossException(
                        "the gradient norm is "
                                + norm
                                + " (non-finite gradients of "
                                + culprits
                                + ")");
            }
            optimizer.update(scope, trainable, learningRate);
            zeroGradients();
            return new Outcome(
                    value,
                    norm,
                    learningRate,
                    method.temperature().valueAt(progress),
                    loss.alpha(),
                    batch.size());
        }
    }

    /**
     * PyTorch adds each backward pass into {@code .grad}, so every step starts from zero. An
     * assignment, not {@code g − g}, which would leave NaN where {@code g} is infinite.
     */
    private void zeroGradients() {
        NDIndex all = new NDIndex("...");
        trainable.values().forEach(array -> array.getGradient().set(all, 0));
    }

    /** The first few parameters whose gradient holds NaN or an infinity. */
    private String nonFiniteGradients() {
        return trainable.entrySet().stream()
                .filter(
                        e ->
                                e.getValue().getGradient().isNaN().any().getBoolean()
                                        || e.getValue()
                                                .getGradient()
                                                .isInfinite()
                                                .any()
                                                .getBoolean())
                .map(Map.Entry::getKey)
                .limit(5)
                .collect(Collectors.joining(", "));
    }

    private static void checkFinite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new NonFiniteLossException("the " + what + " is " + value);
        }
    }
}

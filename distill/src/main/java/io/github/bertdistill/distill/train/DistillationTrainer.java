package io.github.bertdistill.distill.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.core.model.TrainableClassifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop for any {@link TrainableClassifier}: supervised fine-tuning ({@code α = 1}, no
 * soft targets: how the teacher is trained) and knowledge distillation ({@code L = α·CE + (1−α)·
 * soft}, Hinton et al. 2015; Tang et al. 2019) share it.
 *
 * <pre>{@code
 * TrainerResult result = DistillationTrainer.builder()
 *         .setTrainingConfig(TrainerConfig.builder().optEpochs(5).build())
 *         .setOutputDir(out)
 *         .setMethodConfig(MethodConfig.builder()
 *                 .optTemperature(Schedule.constant(4)).optAlpha(Schedule.constant(0.5f))
 *                 .optOptimizer(OptimizerKind.ADAM).build())
 *         .setClassifier(student)
 *         .setTrainSet(transferSet)
 *         .optSoftTargets(teacherLogitCache)
 *         .optDevSet(dev)
 *         .addListener(new JsonLinesLog(out.resolve("metrics.jsonl")))
 *         .build()
 *         .fit();
 * }</pre>
 *
 * <p>Each step draws a length-bucketed batch ({@link TrainerConfig#bucketBatches()}), looks up the
 * teacher logits of its examples by id, and makes one Adam/AdamW update in a step-scoped NDManager.
 * The dev set is validated every {@link TrainerConfig#evalEverySteps()} steps (or epoch) and at the
 * end; a new best accuracy replaces {@code best/} under the output folder, and {@link
 * TrainerConfig#patience()} validations without improvement stop the run. When it ends the
 * classifier holds the best weights. With {@link MethodConfig#averagingEpochs()} {@code > 0}, the
 * weights validated, kept as best and returned are the {@link WeightAverage exponential moving
 * average} of the trained ones.
 *
 * <p><b>Representation distillation.</b> With {@link MethodConfig#featureWeight()} {@code β > 0}
 * the student's features (a {@code FeatureClassifier}) also learn to predict the teacher's ({@link
 * Builder#optTeacherFeatures}) through a {@link FeatureProjectionBlock} that exists for the run
 * only: {@code L = L_logits + β·‖W·s + b − h_t‖²/H} ({@code FeatureMatchedLoss}).
 *
 * <p><b>Resuming.</b> Checkpoints in {@code checkpoints/} hold the weights, the optimiser's
 * moments, the counters and the best-so-far; the batches of an epoch and the dropout masks of a
 * step are functions of (seed, epoch) and (seed, step). {@link #fit()} on an output folder with a
 * checkpoint therefore continues from it and reaches the same result as an uninterrupted run,
 * provided both configs and the training set are the same (checked). A NaN or infinite loss throws
 * {@link NonFiniteLossException} before any update, leaving both checkpoints intact.
 *
 * <p>One {@link #fit()} at a time per JVM: PyTorch records gradients for one collector at a time,
 * and the engine's random seed is global.
 */
public final class DistillationTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistillationTrainer.class);

    private final TrainerConfig training;
    private final MethodConfig method;
    private final TrainableClassifier classifier;
    private final TextDataset trainSet;
    private final TextDataset devSet;
    private final List<TrainerListener> listeners;
    private final BatchAssembler assembler;
    private final BatchPlanner planner;
    private final Path outputDir;
    private final Checkpoints checkpoints;
    private final long totalSteps;
    private final Optional<FeatureWidths> featureWidths;

    /** The widths {@code F} and {@code H} of the student's and the teacher's features. */
    private record FeatureWidths(int student, int teacher) {}

    private DistillationTrainer(Builder builder) {
        this.training = Objects.requireNonNull(builder.training, "training config");
        this.method = Objects.requireNonNull(builder.method, "method config");
        this.classifier = Objects.requireNonNull(builder.classifier, "classifier");
        this.trainSet = Objects.requireNonNull(builder.trainSet, "training set");
        checkArgument(trainSet.size() > 0, "the training set '%s' is empty", trainSet.name());
        this.devSet = builder.devSet;
        this.listeners = List.copyOf(builder.listeners);
        boolean matchFeatures = method.featureWeight() > 0;
        this.featureWidths =
                matchFeatures
                        ? Optional.of(featureWidths(classifier, builder.features))
                        : Optional.empty();
        this.assembler =
                new BatchAssembler(
                        classifier, builder.softTargets, matchFeatures ? builder.features : null);
        int[] lengths =
                trainSet.examples().stream()
                        .mapToInt(e -> classifier.encoder().encode(e.text()).length())
                        .toArray();
        this.planner =
                new BatchPlanner(
                        lengths, training.batchSize(), training.bucketBatches(), training.seed());
        long planned = (long) training.epochs() * planner.batchesPerEpoch();
        this.totalSteps =
                training.maxSteps() > 0 ? Math.min(training.maxSteps(), planned) : planned;
        this.outputDir = Objects.requireNonNull(builder.outputDir, "output folder");
        this.checkpoints = new Checkpoints(outputDir);
    }

    /** A builder; configs, classifier and training set are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The steps a complete run makes, {@code min(maxSteps, epochs·⌈n/batchSize⌉)}. */
    public long totalSteps() {
        return totalSteps;
    }

    /**
     * Trains, resuming from the output folder's checkpoint if there is one.
     *
     * @throws NonFiniteLossException if a loss or gradient becomes NaN or infinite
     * @throws IllegalStateException if the checkpoint was written under other settings or data
     * @throws IllegalArgumentException if a training example has neither a label nor teacher
     *     logits, or a dev example has no label in the classifier's label set
     * @throws IOException if a checkpoint cannot be written or read
     */
    public TrainerResult fit() throws IOException {
        EngineBootstrap.start();
        checkSoftTargets(assembler.checkCoverage(trainSet.examples()));
        if (devSet != null) {
            devSet.labelIndices(classifier.labels()); // fails now, not after the first epoch
        }
        TrainingState fresh =
                TrainingState.start(
                        training, method, trainSet.fingerprint(), classifier.labels().names());
        try (NDManager runManager = EngineBootstrap.newManager();
                AdamOptimizer optimizer =
                        new AdamOptimizer(method.optimizer(), method.weightDecay(), runManager);
                WeightAverage average =
                        new WeightAverage(
                                method.averagingEpochs(),
                                planner.batchesPerEpoch(),
                                classifier.block(),
                                runManager)) {
            Block trained = trainedBlock(runManager);
            Optional<TrainingState> restored =
                    checkpoints.restore(fresh, trained, optimizer, average, runManager);
            TrainingState state = restored.orElse(fresh);
            restored.ifPresent(
                    resumed ->
                            LOG.info(
                                    "resuming from the checkpoint at step {} of {} in {}",
                                    resumed.step,
                                    totalSteps,
                                    outputDir));
            StepRunner runner =
                    new StepRunner(
                            trained, assembler, method, optimizer, runManager, training.seed());
            listeners.forEach(l -> l.onStart(state.step, totalSteps));
            List<List<Integer>> batches = List.of();
            int plannedEpoch = -1;
            while (state.step < totalSteps && !state.stoppedEarly) {
                int epoch = (int) (state.step / planner.batchesPerEpoch());
                if (epoch != plannedEpoch) {
                    batches = planner.epoch(epoch);
                    plannedEpoch = epoch;
                }
                List<Integer> batch = batches.get((int) (state.step % planner.batchesPerEpoch()));
                step(runner, examples(batch), state, epoch);
                average.update();
                afterStep(state, epoch + 1, trained, optimizer, average);
            }
            return finish(state, runManager, average);
        }
    }

    /**
     * Refuses a method that distils ({@code α < 1} at some step) when no training example has
     * teacher logits: the soft term would never apply, and the run would be plain hard-label
     * training under another name (ids that changed since the labelling, a renamed data file).
     * Labelled examples without logits are allowed, learning from their gold label alone, and
     * logged.
     */
    private void checkSoftTargets(BatchAssembler.Coverage coverage) {
        boolean distils = method.alpha().from() < 1 || method.alpha().to() < 1;
        if (distils && coverage.withLogits() == 0) {
            throw new IllegalArgumentException(
                    "no example of the training set '"
                            + trainSet.name()
                            + "' has teacher logits (its first id is '"
                            + trainSet.get(0).id()
                            + "'), so the distillation term (1 − α) would never apply: label"
                            + " this training set with the teacher (ids name a file and a line, so"
                            + " a renamed or edited data file needs labelling again), or train"
                            + " with α = 1");
        }
        int without = coverage.labelled() - coverage.labelledWithLogits();
        if (distils && without > 0) {
            LOG.warn(
                    "{} of the {} labelled training examples have no teacher logits; they learn"
                            + " from their gold label alone",
                    without,
                    coverage.labelled());
        }
    }

    /**
     * The block the steps update: the classifier's, or with {@link MethodConfig#featureWeight()}
     * {@code > 0} a {@link FeatureProjectionBlock} around it, whose projection lives in {@code
     * runManager} for the run.
     */
    private Block trainedBlock(NDManager runManager) {
        return featureWidths
                .<Block>map(
                        widths ->
                                new FeatureProjectionBlock(
                                        classifier.block(),
                                        widths.student(),
                                        widths.teacher(),
                                        training.seed(),
                                        runManager))
                .orElse(classifier.block());
    }

    private static FeatureWidths featureWidths(
            TrainableClassifier classifier, TeacherFeatures features) {
        int student =
                classifier instanceof FeatureClassifier withFeatures
                        ? withFeatures.featureSize()
                        : 0;
        checkArgument(
                student > 0,
                "featureWeight > 0 matches the student's features to the teacher's, but this"
                        + " student exposes none");
        checkArgument(
                features != null,
                "featureWeight > 0 matches the student's features to the teacher's, but no teacher"
                        + " features were given");
        return new FeatureWidths(student, features.featureSize());
    }

    private List<TextExample> examples(List<Integer> indices) {
        List<TextExample> examples = new ArrayList<>(indices.size());
        indices.forEach(i -> examples.add(trainSet.get(i)));
        return examples;
    }

    private void step(StepRunner runner, List<TextExample> batch, TrainingState state, int epoch)
            throws IOException {
        long begin = System.nanoTime();
        StepRunner.Outcome outcome;
        try {
            outcome = runner.run(batch, state.step, totalSteps);
        } catch (NonFiniteLossException e) {
            throw new NonFiniteLossException(
                    String.format(
                            "training stopped at step %d of %d (epoch %d): %s. Nothing was updated;"
                                    + " the best checkpoint (%s) and the last checkpoint under %s"
                                    + " are intact. Try a lower learning rate, gradient clipping"
                                    + " (clipNorm), or check the teacher logits for NaN or"
                                    + " infinite values.",
                            state.step + 1,
                            totalSteps,
                            epoch + 1,
                            e.getMessage(),
                            checkpoints.bestFolder().map(Object::toString).orElse("none yet"),
                            outputDir));
        }
        state.step++;
        state.lastLoss = outcome.loss();
        state.epochLossSum += outcome.loss() * outcome.examples();
        state.epochExamples += outcome.examples();
        StepMetrics metrics =
                new StepMetrics(
                        state.step,
                        totalSteps,
                        epoch + 1,
                        outcome.loss(),
                        outcome.learningRate(),
                        outcome.temperature(),
                        outcome.alpha(),
                        outcome.gradientNorm(),
                        outcome.examples(),
                        (System.nanoTime() - begin) / 1e9);
        listeners.forEach(l -> l.onStep(metrics));
    }

    private void afterStep(
            TrainingState state,
            int epoch,
            Block trained,
            AdamOptimizer optimizer,
            WeightAverage average)
            throws IOException {
        boolean epochEnd = state.step % planner.batchesPerEpoch() == 0;
        boolean last = state.step == totalSteps;
        if (epochEnd) {
            EpochMetrics metrics =
                    new EpochMetrics(
                            epoch,
                            state.step,
                            state.epochLossSum / state.epochExamples,
                            state.epochExamples);
            state.epochLossSum = 0;
            state.epochExamples = 0;
            listeners.forEach(l -> l.onEpochEnd(metrics));
        }
        if (devSet != null && (due(training.evalEverySteps(), state.step, epochEnd) || last)) {
            average.withAverage(() -> validate(state, epoch));
        }
        if (due(training.checkpointEverySteps(), state.step, epochEnd)
                || last
                || state.stoppedEarly) {
            checkpoints.save(state, trained, optimizer, average);
        }
    }

    private static boolean due(int everySteps, long step, boolean epochEnd) {
        return everySteps > 0 ? step % everySteps == 0 : epochEnd;
    }

    private void validate(TrainingState state, int epoch) throws IOException {
        double accuracy = DevAccuracy.of(classifier, devSet, training.batchSize());
        boolean improved = state.bestStep < 0 || accuracy > state.bestAccuracy;
        if (improved) {
            checkpoints.saveBest(state.step, accuracy, classifier.block());
            state.bestAccuracy = accuracy;
            state.bestStep = state.step;
            state.validationsWithoutImprovement = 0;
        } else {
            state.validationsWithoutImprovement++;
            state.stoppedEarly =
                    training.patience() > 0
                            && state.validationsWithoutImprovement >= training.patience();
        }
        state.lastAccuracy = accuracy;
        ValidationMetrics metrics =
                new ValidationMetrics(state.step, epoch, accuracy, state.bestAccuracy, improved);
        listeners.forEach(l -> l.onValidation(metrics));
    }

    private TrainerResult finish(TrainingState state, NDManager runManager, WeightAverage average)
            throws IOException {
        if (state.bestStep >= 0) {
            checkpoints.restoreBest(classifier.block(), runManager);
        } else {
            average.apply();
        }
        TrainerResult result =
                new TrainerResult(
                        state.step,
                        state.lastLoss,
                        state.bestAccuracy,
                        state.bestStep,
                        state.lastAccuracy,
                        state.stoppedEarly);
        listeners.forEach(l -> l.onEnd(result));
        return result;
    }

    /** Builds a {@link DistillationTrainer}. */
    public static final class Builder {
        private TrainerConfig training;
        private Path outputDir;
        private MethodConfig method;
        private TrainableClassifier classifier;
        private TextDataset trainSet;
        private TextDataset devSet;
        private SoftTargets softTargets = SoftTargets.none();
        private TeacherFeatures features;
        private final List<TrainerListener> listeners = new ArrayList<>();
        private boolean built;

        private Builder() {}

        /** Required: epochs, batches, seed... */
        public Builder setTrainingConfig(TrainerConfig config) {
            this.training = config;
            return this;
        }

        /** Required: the folder for checkpoints, the best model's weights and the metrics log. */
        public Builder setOutputDir(Path outputDir) {
            this.outputDir = outputDir;
            return this;
        }

        /** Required: loss, T, α, optimiser... */
        public Builder setMethodConfig(MethodConfig config) {
            this.method = config;
            return this;
        }

        /** Required: the model to train, in place. */
        public Builder setClassifier(TrainableClassifier classifier) {
            this.classifier = classifier;
            return this;
        }

        /** Required: the training (or transfer) set; examples may be unlabelled. */
        public Builder setTrainSet(TextDataset trainSet) {
            this.trainSet = trainSet;
            return this;
        }

        /** The teacher logits by example id; default none (supervised training). */
        public Builder optSoftTargets(SoftTargets softTargets) {
            this.softTargets = Objects.requireNonNull(softTargets, "softTargets");
            return this;
        }

        /**
         * The teacher's features by example id, matched when {@link MethodConfig#featureWeight()}
         * {@code > 0} (then required, for every training example, and the classifier must be a
         * {@link FeatureClassifier}); ignored otherwise.
         */
        public Builder optTeacherFeatures(TeacherFeatures features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /** A labelled dev set for validation, the best checkpoint and early stopping. */
        public Builder optDevSet(TextDataset devSet) {
            this.devSet = devSet;
            return this;
        }

        /** Adds a listener; listeners are called in the order added. */
        public Builder addListener(TrainerListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The trainer; the builder cannot be used afterwards. */
        public DistillationTrainer build() {
            checkState(!built, "build() was already called on this builder");
            built = true;
            return new DistillationTrainer(this);
        }
    }
}

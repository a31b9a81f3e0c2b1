package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.BlockTextClassifier;
import io.github.bertdistill.core.model.TextEncoder;
import io.github.bertdistill.core.testing.CharacterEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A task a tiny model learns in a second: texts of filler words with "good" or "bad" somewhere,
 * classified by a bag of characters → Linear(16) → ReLU → Dropout → Linear(2).
 */
final class TinyTask {
    static final LabelSet LABELS = LabelSet.of("bad", "good");
    private static final int VOCABULARY = CharacterEncoder.LETTER_VOCABULARY;
    private static final String FILLER_LETTERS = "cefhiklmnprstu";

    /** The training set of the loop's tests. */
    static final TextDataset TRAIN = labelled("train", 96, 1);

    /** Their dev set. */
    static final TextDataset DEV = labelled("dev", 48, 2);

    /** Supervised training that learns the task in 30 steps. */
    static final MethodConfig SUPERVISED = supervised(0);

    /** a..z → 1..26, anything else 27, padding 0. */
    static final TextEncoder CHARACTERS = CharacterEncoder.lowercaseLetters(64);

    private TinyTask() {}

    /** A freshly initialised classifier; the same seed gives the same weights. */
    static BlockTextClassifier classifier(int seed) {
        return classifier(seed, LABELS);
    }

    /** {@link #classifier(int)} with {@code labels}, two of them, in their order. */
    static BlockTextClassifier classifier(int seed, LabelSet labels) {
        EngineBootstrap.start();
        Engine.getEngine(EngineBootstrap.ENGINE_NAME).setRandomSeed(seed);
        SequentialBlock block =
                new SequentialBlock()
                        .add(new LambdaBlock(TinyTask::bagOfLetters))
                        .add(Linear.builder().setUnits(16).build())
                        .add(Activation::relu)
                        .add(Dropout.builder().optRate(0.2f).build())
                        .add(Linear.builder().setUnits(LABELS.size()).build());
        NDManager manager = NDManager.newBaseManager();
        Shape shape = new Shape(1, 8);
        block.initialize(manager, DataType.FLOAT32, shape, shape, shape);
        return new BlockTextClassifier(block, CHARACTERS, labels, manager);
    }

    /**
     * Like {@link #classifier}, but its block also returns its features, always: the 16 hidden
     * units before dropout ({@code FeatureClassifier}; a real block returns them only when asked).
     */
    static BlockTextClassifier featureClassifier(int seed) {
        EngineBootstrap.start();
        Engine.getEngine(EngineBootstrap.ENGINE_NAME).setRandomSeed(seed);
        SequentialBlock hidden =
                new SequentialBlock()
                        .add(new LambdaBlock(TinyTask::bagOfLetters))
                        .add(Linear.builder().setUnits(16).build())
                        .add(Activation::relu);
        SequentialBlock head =
                new SequentialBlock()
                        .add(Dropout.builder().optRate(0.2f).build())
                        .add(Linear.builder().setUnits(LABELS.size()).build());
        SequentialBlock block =
                new SequentialBlock()
                        .add(hidden)
                        .add(
                                new ParallelBlock(
                                        outputs ->
                                                new NDList(
                                                        outputs.get(0).head(),
                                                        outputs.get(1).head()),
                                        List.of(head, new LambdaBlock(features -> features))));
        NDManager manager = NDManager.newBaseManager();
        Shape shape = new Shape(1, 8);
        block.initialize(manager, DataType.FLOAT32, shape, shape, shape);
        return new BlockTextClassifier(block, CHARACTERS, LABELS, manager, 16);
    }

    /**
     * A teacher's feature vector, {@code H = 3}: (+1 for "good", −1 for "bad"; the word count / 5;
     * 0.5).
     */
    static Map<String, float[]> teacherFeatures(TextDataset labelled) {
        Map<String, float[]> features = new HashMap<>();
        labelled.forEach(
                e ->
                        features.put(
                                e.id(),
                                new float[] {
                                    e.label().orElseThrow().equals("good") ? 1 : -1,
                                    e.text().split(" ").length / 5f,
                                    0.5f
                                }));
        return features;
    }

    private static NDList bagOfLetters(NDList in) {
        return new NDList(
                in.get(0)
                        .toType(DataType.INT64, false)
                        .oneHot(VOCABULARY)
                        .sum(new int[] {1})
                        .get(":, 1:"));
    }

    /** {@link #SUPERVISED} with the weights averaged over {@code averagingEpochs} (none if 0). */
    static MethodConfig supervised(float averagingEpochs) {
        return MethodConfig.builder()
                .optOptimizer(OptimizerKind.ADAM)
                .optLearningRate(0.02f)
                .optClipNorm(5)
                .optAveragingEpochs(averagingEpochs)
                .build();
    }

    /** {@code size} labelled examples with ids {@code <prefix>-<i>}. */
    static TextDataset labelled(String prefix, int size, long seed) {
        Random random = new Random(seed);
        List<TextExample> examples = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            boolean good = random.nextBoolean();
            examples.add(
                    TextExample.labelled(
                            prefix + "-" + i, text(random, good), good ? "good" : "bad"));
        }
        return TextDataset.of(prefix, examples);
    }

    /** The same texts without labels. */
    static TextDataset unlabelled(TextDataset labelled) {
        List<TextExample> examples = new ArrayList<>();
        labelled.forEach(e -> examples.add(TextExample.unlabelled(e.id(), e.text())));
        return labelled.derive(labelled.name() + "-unlabelled", examples);
    }

    /** A confident, correct teacher: logits (2, −2) for "bad", (−2, 2) for "good". */
    static Map<String, float[]> teacherLogits(TextDataset labelled) {
        Map<String, float[]> logits = new HashMap<>();
        labelled.forEach(
                e ->
                        logits.put(
                                e.id(),
                                e.label().orElseThrow().equals("good")
                                        ? new float[] {-2, 2}
                                        : new float[] {2, -2}));
        return logits;
    }

    /** The loop tests' engineering settings: 5 epochs of batch 16 (30 steps), seed 11. */
    static Settings trainingConfig(Path out) {
        return new Settings(
                out,
                TrainerConfig.builder()
                        .optEpochs(5)
                        .optBatchSize(16)
                        .optBucketBatches(2)
                        .optSeed(11));
    }

    /** A training config being built, with the folder its run writes to. */
    record Settings(Path out, TrainerConfig.Builder builder) {
        Settings optCheckpointEverySteps(int steps) {
            builder.optCheckpointEverySteps(steps);
            return this;
        }

        Settings optEvalEverySteps(int steps) {
            builder.optEvalEverySteps(steps);
            return this;
        }

        Settings optPatience(int patience) {
            builder.optPatience(patience);
            return this;
        }

        Settings optMaxSteps(long steps) {
            builder.optMaxSteps(steps);
            return this;
        }

        Training build() {
            return new Training(out, builder.build());
        }
    }

    /** A training config and the folder its run writes to. */
    record Training(Path out, TrainerConfig config) {}

    /** A trainer of {@code model} on {@link #TRAIN}, validated on {@link #DEV}, with a JSON log. */
    static DistillationTrainer.Builder trainer(
            BlockTextClassifier model, Training training, MethodConfig method) {
        return DistillationTrainer.builder()
                .setTrainingConfig(training.config())
                .setOutputDir(training.out())
                .setMethodConfig(method)
                .setClassifier(model)
                .setTrainSet(TRAIN)
                .optDevSet(DEV)
                .addListener(new JsonLinesLog(training.out().resolve("metrics.jsonl")));
    }

    /**
     * Runs {@code trainer} (of {@code model}) and checks the step-scoped memory: the model's
     * manager ends with the arrays it started with, and every step sees the same number of live
     * arrays.
     *
     * @return the number of steps run
     */
    static int assertStepsLeaveNoArrays(
            BlockTextClassifier model, DistillationTrainer.Builder trainer) throws IOException {
        NDManager everything = model.manager().getParentManager();
        int before = model.manager().getManagedArrays().size();
        List<Integer> liveArrays = new ArrayList<>();
        trainer.addListener(
                        new TrainerListener() {
                            @Override
                            public void onStep(StepMetrics metrics) {
                                liveArrays.add(everything.getManagedArrays().size());
                            }
                        })
                .build()
                .fit();
        assertEquals(before, model.manager().getManagedArrays().size());
        assertEquals(1, liveArrays.stream().distinct().count(), liveArrays.toString());
        return liveArrays.size();
    }

    /** A listener that throws after step {@code step}, as a crash would stop the run there. */
    static TrainerListener crashAfterStep(long step) {
        return new TrainerListener() {
            @Override
            public void onStep(StepMetrics metrics) {
                if (metrics.step() == step) {
                    throw new IllegalStateException("injected crash");
                }
            }
        };
    }

    /** The lines of a {@link JsonLinesLog} without their wall-clock fields. */
    static List<String> loggedMetrics(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .map(line -> line.replaceAll(",\"seconds\":[^,}]*", ""))
                .toList();
    }

    private static String text(Random random, boolean good) {
        List<String> words = new ArrayList<>();
        int count = 1 + random.nextInt(6);
        for (int w = 0; w < count; w++) {
            StringBuilder word = new StringBuilder();
            int length = 2 + random.nextInt(5);
            for (int c = 0; c < length; c++) {
                word.append(FILLER_LETTERS.charAt(random.nextInt(FILLER_LETTERS.length())));
            }
            words.add(word.toString());
        }
        words.add(random.nextInt(words.size() + 1), good ? "good" : "bad");
        return String.join(" ", words);
    }
}

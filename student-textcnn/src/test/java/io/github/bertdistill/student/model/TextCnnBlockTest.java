package io.github.bertdistill.student.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.student.Fixtures;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextCnnBlockTest {

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @ParameterizedTest(name = "attentionSize {0}")
    @ValueSource(ints = {0, 5})
    void outputsOneRowOfRawLogitsPerText(int attentionSize) {
        try (TextCnnClassifier classifier =
                        Fixtures.tinyClassifier(
                                Fixtures.tinyConfig().optAttentionSize(attentionSize).build());
                NDManager step = classifier.manager().newSubManager()) {
            EncodedBatch batch =
                    classifier.encoder().encodeBatch(List.of("a wonderful film", "dull", "", "x"));
            NDList out =
                    classifier
                            .block()
                            .forward(new ParameterStore(step, false), batch.toNDList(step), false);
            assertEquals(new Shape(4, 2), out.head().getShape());
            assertEquals(
                    new Shape(4, 2),
                    classifier.block().getOutputShapes(new Shape[] {new Shape(4, 9)})[0]);
            // raw logits, not probabilities: rows do not sum to 1
            float[] row = out.head().toFloatArray();
            assertNotEquals(1f, row[0] + row[1], 1e-3f);
            // then the pooled features the output layer reads: ReLU(max over time), ≥ 0, and
            // with attention pooling after them a weighted average of the embeddings
            int features = classifier.config().featureCount();
            int maxPooled = 3 * 8;
            assertEquals(maxPooled + (attentionSize > 0 ? 16 : 0), features);
            assertEquals(features, classifier.featureSize());
            assertEquals(1, out.size()); // unless asked for
            out =
                    classifier
                            .block()
                            .forward(
                                    new ParameterStore(step, false),
                                    batch.toNDList(step),
                                    false,
                                    FeatureClassifier.withFeatures());
            assertEquals(new Shape(4, features), out.get(1).getShape());
            float[] pooled = out.get(1).toFloatArray();
            for (int i = 0; i < pooled.length; i++) {
                if (i % features < maxPooled) {
                    assertTrue(pooled[i] >= 0, "a pooled feature is " + pooled[i]);
                }
            }
            if (attentionSize > 0) {
                // a one-token text's average is its embedding; the empty text's is zero
                NDArray table =
                        classifier.block().namedParameters().get("embedding.weight").getArray();
                long dull = batch.tokenIds()[batch.length()];
                float[] embedded = table.get(dull).toFloatArray();
                assertArrayEquals(
                        embedded,
                        java.util.Arrays.copyOfRange(pooled, features + maxPooled, 2 * features),
                        1e-6f);
                assertArrayEquals(
                        new float[16],
                        java.util.Arrays.copyOfRange(
                                pooled, 2 * features + maxPooled, 3 * features),
                        0f);
            }
            float[][] rows = classifier.features(batch);
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(
                        java.util.Arrays.copyOfRange(pooled, i * features, (i + 1) * features),
                        rows[i]);
            }
            // the output layer reads exactly these features
            NDArray weight =
                    classifier.block().namedParameters().get("classifier.weight").getArray();
            NDArray bias = classifier.block().namedParameters().get("classifier.bias").getArray();
            assertArrayEquals(
                    out.head().toFloatArray(),
                    out.get(1).matMul(weight.transpose()).add(bias).toFloatArray(),
                    1e-5f);
        }
    }

    @ParameterizedTest(name = "lstmSize {0}, attentionSize {1}")
    @CsvSource({"0, 0", "6, 0", "0, 5", "6, 5"})
    void extraPaddingLeavesLogitsUnchanged(int lstmSize, int attentionSize) {
        // with an LSTM layer, the backward LSTM must read each text's own tokens reversed: a
        // plain flip of the padded row would read the padding first and change every result;
        // attention pooling must give padding positions no weight
        try (TextCnnClassifier classifier =
                Fixtures.tinyClassifier(
                        Fixtures.tinyConfig()
                                .optLstmSize(lstmSize)
                                .optAttentionSize(attentionSize)
                                .build())) {
            List<String> texts =
                    List.of(
                            "the film",
                            "a",
                            "",
                            "the plot is thin",
                            "boring predictable too long and the acting is dull");
            float[][] together = classifier.logits(texts);
            for (int i = 0; i < texts.size(); i++) {
                float[] alone = classifier.logits(texts.get(i));
                float[] batchAlone = classifier.logits(List.of(texts.get(i)))[0];
                assertArrayEquals(alone, together[i], 1e-6f, "text " + i);
                assertArrayEquals(alone, batchAlone, 1e-6f, "text " + i);
            }
            // much more padding than needed, through the raw block
            try (NDManager step = classifier.manager().newSubManager()) {
                long[] ids = new long[64];
                long[] mask = new long[64];
                int[] tokens = classifier.vocabulary().ids("the plot is thin");
                for (int i = 0; i < tokens.length; i++) {
                    ids[i] = tokens[i];
                    mask[i] = 1;
                }
                ids[40] = 5; // garbage under the mask must not matter either
                NDArray idArray = step.create(ids, new Shape(1, 64));
                NDList input =
                        new NDList(
                                idArray, step.create(mask, new Shape(1, 64)), idArray.zerosLike());
                float[] padded =
                        classifier
                                .block()
                                .forward(new ParameterStore(step, false), input, false)
                                .head()
                                .toFloatArray();
                assertArrayEquals(classifier.logits("the plot is thin"), padded, 1e-6f);
            }
        }
    }

    @ParameterizedTest(name = "widths {0}, lstmSize {1}, attentionSize {2}, {3}")
    @CsvSource({
        "2 3 4, 0, 0, NON_STATIC",
        "1, 6, 0, NON_STATIC",
        "3, 0, 5, MULTICHANNEL",
        "4 1 2, 6, 5, STATIC"
    })
    void aSingleTextGetsTheLogitsAndFeaturesOfABatch(
            String widths, int lstmSize, int attentionSize, EmbeddingMode mode) {
        // one text takes the packed single-text form, two texts the convolution blocks
        TextCnnConfig config =
                Fixtures.tinyConfig()
                        .optKernelWidths(
                                java.util.Arrays.stream(widths.split(" "))
                                        .mapToInt(Integer::parseInt)
                                        .toArray())
                        .optLstmSize(lstmSize)
                        .optAttentionSize(attentionSize)
                        .optEmbeddingMode(mode)
                        .build();
        String partner = "boring predictable too long and the acting is dull";
        List<String> texts =
                List.of(
                        "",
                        "a",
                        "the film",
                        "the plot is thin",
                        Fixtures.TEXTS.get(4),
                        "a wonderful moving film ".repeat(10)); // 40 words, cut at 32
        try (TextCnnClassifier classifier = Fixtures.tinyClassifier(config)) {
            for (String text : texts) {
                EncodedBatch alone = classifier.encoder().encodeBatch(List.of(text));
                EncodedBatch pair = classifier.encoder().encodeBatch(List.of(text, partner));
                assertArrayEquals(classifier.logits(pair)[0], classifier.logits(text), 1e-5f, text);
                assertArrayEquals(
                        classifier.logits(pair)[0], classifier.logits(alone)[0], 1e-5f, text);
                assertArrayEquals(
                        classifier.features(pair)[0], classifier.features(alone)[0], 1e-5f, text);
            }
        }
    }

    @Test
    void theSingleTextFormFollowsTheParameters() {
        String text = "the plot is thin and the acting is dull";
        try (TextCnnClassifier classifier = Fixtures.tinyClassifier();
                NDManager step = classifier.manager().newSubManager()) {
            float[] before = classifier.logits(text);
            NDArray weight = classifier.block().namedParameters().get("convs.1.weight").getArray();
            // written in place, as a checkpoint is restored: the single-text form is rebuilt
            // only when told
            weight.set(new NDIndex("..."), weight.mul(-2));
            assertArrayEquals(before, classifier.logits(text), 0f);
            classifier.block().parametersChanged();
            float[] after = classifier.logits(text);
            assertFalse(java.util.Arrays.equals(before, after));
            assertArrayEquals(pairedLogits(classifier, text), after, 1e-5f);

            // a forward pass in training mode drops it by itself: an optimiser's update follows
            EncodedBatch batch = classifier.encoder().encodeBatch(Fixtures.TEXTS);
            classifier.block().forward(new ParameterStore(step, false), batch.toNDList(step), true);
            weight.set(new NDIndex("..."), weight.mul(-0.5));
            float[] updated = classifier.logits(text);
            assertFalse(java.util.Arrays.equals(after, updated));
            assertArrayEquals(pairedLogits(classifier, text), updated, 1e-5f);
        }
    }

    /** The logits of {@code text} as the first of a batch of two, through the convolutions. */
    private static float[] pairedLogits(TextCnnClassifier classifier, String text) {
        return classifier
                .logits(classifier.encoder().encodeBatch(List.of(text, "another text")))[0];
    }

    @Test
    void rejectsInputsShorterThanTheWidestKernel() {
        try (TextCnnClassifier classifier = Fixtures.tinyClassifier();
                NDManager step = classifier.manager().newSubManager()) {
            NDArray ids = step.zeros(new Shape(1, 3), ai.djl.ndarray.types.DataType.INT64);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    classifier
                                            .block()
                                            .forward(
                                                    new ParameterStore(step, false),
                                                    new NDList(ids, ids, ids),
                                                    false));
            assertTrue(e.getMessage().contains("widest kernel 4"), e.getMessage());
        }
    }

    @Test
    void staticEmbeddingsStayFixedWhileTheRestTrains() {
        assertTrainingStep(EmbeddingMode.STATIC);
    }

    @Test
    void nonStaticAndMultichannelEmbeddingsTrainAsDocumented() {
        assertTrainingStep(EmbeddingMode.NON_STATIC);
        assertTrainingStep(EmbeddingMode.MULTICHANNEL);
    }

    @Test
    void theContextLayerTrainsWithTheRest() {
        assertTrainingStep(EmbeddingMode.NON_STATIC, 5, 0);
        assertTrainingStep(EmbeddingMode.STATIC, 5, 0);
    }

    @Test
    void attentionPoolingTrainsWithTheRest() {
        assertTrainingStep(EmbeddingMode.NON_STATIC, 5, 4);
        assertTrainingStep(EmbeddingMode.MULTICHANNEL, 0, 4);
    }

    private static void assertTrainingStep(EmbeddingMode mode) {
        assertTrainingStep(mode, 0, 0);
    }

    private static void assertTrainingStep(EmbeddingMode mode, int lstmSize, int attentionSize) {
        TextCnnClassifier classifier =
                io.github.bertdistill.student.model.TextCnnClassifier.builder()
                        .setVocabulary(Fixtures.words())
                        .setLabels(Fixtures.LABELS)
                        .optConfig(
                                Fixtures.tinyConfig()
                                        .optEmbeddingMode(mode)
                                        .optLstmSize(lstmSize)
                                        .optAttentionSize(attentionSize)
                                        .build())
                        .build();
        Map<String, float[]> before = snapshot(classifier.block());
        fit(classifier, Fixtures.TEXTS, new float[] {1, 0, 1, 0, 1, 0}, 0.01f, 1);
        Map<String, float[]> after = snapshot(classifier.block());
        assertEquals(lstmSize > 0, before.containsKey("lstm.weight_hh_l0_reverse"));
        assertEquals(attentionSize > 0, before.containsKey("attention.query"));
        for (String name : before.keySet()) {
            boolean frozen =
                    name.equals("embedding_static.weight")
                            || (mode == EmbeddingMode.STATIC && name.equals("embedding.weight"));
            if (frozen) {
                assertArrayEquals(before.get(name), after.get(name), 0f, mode + " " + name);
            } else {
                assertFalse(
                        java.util.Arrays.equals(before.get(name), after.get(name)),
                        mode + " " + name + " should change");
            }
        }
        classifier.close();
    }

    @Test
    void learnsATinyTaskThroughTheMasks() {
        // short texts (below the widest kernel) and padded batches put the −∞ window masks and the
        // embedding mask in the graph: gradients must stay finite and the task must be learnt
        List<String> texts =
                List.of("good", "bad", "a good film", "a bad film", "good good", "bad");
        float[] gold = {1, 0, 1, 0, 1, 0};
        try (TextCnnClassifier classifier =
                TextCnnClassifier.builder()
                        .setVocabulary(StudentVocabulary.wordBuilder().build(texts))
                        .setLabels(Fixtures.LABELS)
                        .optConfig(Fixtures.tinyConfig().build())
                        .build()) {
            float[] losses = fit(classifier, texts, gold, 0.01f, 40);
            assertTrue(
                    Float.isFinite(losses[1]) && losses[1] < losses[0] / 4,
                    losses[0] + " -> " + losses[1]);
            assertPredicts(classifier, texts, gold);
        }
    }

    /**
     * Trains {@code classifier} on the whole of {@code texts} for {@code steps} Adam steps at
     * {@code rate}; returns the first and the last loss.
     */
    private static float[] fit(
            TextCnnClassifier classifier, List<String> texts, float[] gold, float rate, int steps) {
        float[] losses = {Float.NaN, Float.NaN};
        // dropout draws from the engine's generator: seeded, every run trains the same way
        Engine.getEngine("PyTorch").setRandomSeed(11);
        try (Model model = Model.newInstance("textcnn", "PyTorch")) {
            model.setBlock(classifier.block());
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(rate))
                                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                for (int step = 0; step < steps; step++) {
                    try (NDManager scope = trainer.getManager().newSubManager();
                            GradientCollector collector = trainer.newGradientCollector()) {
                        NDList input = classifier.encoder().encodeBatch(texts).toNDList(scope);
                        NDArray loss =
                                trainer.getLoss()
                                        .evaluate(
                                                new NDList(scope.create(gold)),
                                                trainer.forward(input));
                        collector.backward(loss);
                        losses[1] = loss.getFloat();
                        losses[0] = step == 0 ? losses[1] : losses[0];
                    }
                    trainer.step();
                }
            }
        }
        return losses;
    }

    private static void assertPredicts(
            TextCnnClassifier classifier, List<String> texts, float[] gold) {
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(
                    gold[i] == 1 ? "pos" : "neg",
                    classifier.predict(texts.get(i)).label(),
                    texts.get(i));
        }
    }

    private static Map<String, float[]> snapshot(TextCnnBlock block) {
        Map<String, float[]> values = new HashMap<>();
        for (Map.Entry<String, Parameter> e : block.namedParameters().entrySet()) {
            values.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        return values;
    }

    @Test
    void namedParametersHaveTheDocumentedShapes() {
        TextCnnBlock block =
                TextCnnBlock.builder()
                        .setVocabularySize(50)
                        .setNumClasses(3)
                        .optEmbeddingSize(6)
                        .optKernelWidths(3, 5)
                        .optFiltersPerWidth(4)
                        .optEmbeddingMode(EmbeddingMode.MULTICHANNEL)
                        .build();
        List<String> names = new ArrayList<>(block.parameterShapes().keySet());
        assertEquals(
                List.of(
                        "embedding.weight",
                        "embedding_static.weight",
                        "convs.0.weight",
                        "convs.0.bias",
                        "convs.1.weight",
                        "convs.1.bias",
                        "classifier.weight",
                        "classifier.bias"),
                names);
        assertEquals(new Shape(4, 12, 5), block.parameterShapes().get("convs.1.weight"));
        long expected = 2 * 50 * 6 + (4 * 12 * 3 + 4) + (4 * 12 * 5 + 4) + (3 * 8 + 3);
        assertEquals(expected, block.parameterCount());
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            assertInitialisesToItsShapes(block, manager);
        }
    }

    @Test
    void aContextLayerAddsPyTorchNamedLstmParameters() {
        TextCnnBlock block =
                TextCnnBlock.builder()
                        .setVocabularySize(50)
                        .setNumClasses(3)
                        .optEmbeddingSize(6)
                        .optKernelWidths(3)
                        .optFiltersPerWidth(4)
                        .optLstmSize(5)
                        .optEmbeddingMode(EmbeddingMode.MULTICHANNEL)
                        .build();
        assertEquals(12 + 10, block.channels());
        Map<String, Shape> shapes = block.parameterShapes();
        assertEquals(
                List.of(
                        "embedding.weight",
                        "embedding_static.weight",
                        "lstm.weight_ih_l0",
                        "lstm.weight_hh_l0",
                        "lstm.bias_ih_l0",
                        "lstm.bias_hh_l0",
                        "lstm.weight_ih_l0_reverse",
                        "lstm.weight_hh_l0_reverse",
                        "lstm.bias_ih_l0_reverse",
                        "lstm.bias_hh_l0_reverse",
                        "convs.0.weight",
                        "convs.0.bias",
                        "classifier.weight",
                        "classifier.bias"),
                new ArrayList<>(shapes.keySet()));
        assertEquals(new Shape(20, 12), shapes.get("lstm.weight_ih_l0_reverse"));
        assertEquals(new Shape(20, 5), shapes.get("lstm.weight_hh_l0"));
        assertEquals(new Shape(4, 22, 3), shapes.get("convs.0.weight"));
        long lstm = 2 * (20 * 12 + 20 * 5 + 2 * 20);
        assertEquals(2 * 50 * 6 + lstm + (4 * 22 * 3 + 4) + (3 * 4 + 3), block.parameterCount());
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            assertInitialisesToItsShapes(block, manager);
            // seeded U(−1/√H, 1/√H), a different draw per tensor
            float[] forward =
                    block.namedParameters().get("lstm.bias_ih_l0").getArray().toFloatArray();
            float[] backward =
                    block.namedParameters()
                            .get("lstm.bias_ih_l0_reverse")
                            .getArray()
                            .toFloatArray();
            assertFalse(java.util.Arrays.equals(forward, backward));
            for (float value : forward) {
                assertTrue(Math.abs(value) <= 1 / Math.sqrt(5), "bias " + value);
            }
        }
    }

    @Test
    void attentionPoolingAddsItsParametersBeforeTheClassifier() {
        TextCnnBlock block =
                TextCnnBlock.builder()
                        .setVocabularySize(50)
                        .setNumClasses(3)
                        .optConfig(
                                TextCnnConfig.builder()
                                        .optEmbeddingSize(6)
                                        .optKernelWidths(1, 2)
                                        .optFiltersPerWidth(4)
                                        .optLstmSize(5)
                                        .optAttentionSize(7)
                                        .build())
                        .build();
        Map<String, Shape> shapes = block.parameterShapes();
        List<String> names = new ArrayList<>(shapes.keySet());
        assertEquals(
                List.of(
                        "convs.1.bias",
                        "attention.weight",
                        "attention.bias",
                        "attention.query",
                        "classifier.weight",
                        "classifier.bias"),
                names.subList(names.size() - 6, names.size()));
        assertEquals(new Shape(7, 16), shapes.get("attention.weight"));
        assertEquals(new Shape(7), shapes.get("attention.query"));
        assertEquals(new Shape(3, 2 * 4 + 16), shapes.get("classifier.weight"));
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            assertInitialisesToItsShapes(block, manager);
            for (float value :
                    block.namedParameters().get("attention.query").getArray().toFloatArray()) {
                assertTrue(Math.abs(value) <= 1 / Math.sqrt(7), "query " + value);
            }
        }
    }

    /** Initialises {@code block}; every parameter then has the shape it documents. */
    private static void assertInitialisesToItsShapes(TextCnnBlock block, NDManager manager) {
        Map<String, Shape> shapes = block.parameterShapes();
        block.initialize(manager);
        block.namedParameters()
                .forEach(
                        (name, p) -> assertEquals(shapes.get(name), p.getArray().getShape(), name));
    }

    @Test
    void onlyAttentionPoolingCountsWhatTheTextSaysMost() {
        // the class is the word a text holds more often: with width-1 kernels, max-pooling only
        // sees which words occur, so "good good bad" and "good bad bad" get the same logits,
        // while an attention-weighted average counts them
        List<String> texts =
                List.of(
                        "good good good bad",
                        "good bad bad bad",
                        "bad good good",
                        "bad bad good",
                        "good bad good good good",
                        "bad good bad bad bad");
        TextCnnConfig.Builder widthOne = Fixtures.tinyConfig().optKernelWidths(1);
        assertOnlyTheRicherStudentSeparates(
                texts,
                new float[] {1, 0, 1, 0, 1, 0},
                widthOne.build(),
                widthOne.optAttentionSize(4).build(),
                0.05f,
                80);
    }

    @Test
    void onlyTheLstmLayerTellsWhichWordComesFirst() {
        // "good" before "bad" is positive, after it negative, with at least three fillers around
        // each: both texts of a pair hold the same set of n-grams up to width 4, so max-pooled
        // convolutions alone give them the same logits, and only the LSTM layer can learn it
        List<String> texts =
                List.of(
                        "x x x good x x x x bad x x x",
                        "x x x bad x x x x good x x x",
                        "y y y good y y y bad y y y",
                        "y y y bad y y y good y y y");
        assertOnlyTheRicherStudentSeparates(
                texts,
                new float[] {1, 0, 1, 0},
                Fixtures.tinyConfig().build(),
                Fixtures.tinyConfig().optLstmSize(8).build(),
                0.02f,
                60);
    }

    /**
     * The plain student gives the first two texts identical logits, whatever its weights; the
     * richer one learns to classify every text.
     */
    private static void assertOnlyTheRicherStudentSeparates(
            List<String> texts,
            float[] gold,
            TextCnnConfig plain,
            TextCnnConfig richer,
            float learningRate,
            int epochs) {
        StudentVocabulary vocabulary = StudentVocabulary.wordBuilder().build(texts);
        try (TextCnnClassifier student = seededClassifier(vocabulary, plain)) {
            assertArrayEquals(student.logits(texts.get(0)), student.logits(texts.get(1)), 1e-6f);
        }
        try (TextCnnClassifier student = seededClassifier(vocabulary, richer)) {
            fit(student, texts, gold, learningRate, epochs);
            assertPredicts(student, texts, gold);
        }
    }

    private static TextCnnClassifier seededClassifier(
            StudentVocabulary vocabulary, TextCnnConfig config) {
        return TextCnnClassifier.builder()
                .setVocabulary(vocabulary)
                .setLabels(Fixtures.LABELS)
                .optConfig(config)
                .optSeed(3)
                .build();
    }
}

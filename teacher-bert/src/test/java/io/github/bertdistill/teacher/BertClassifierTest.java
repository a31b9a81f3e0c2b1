package io.github.bertdistill.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class BertClassifierTest {
    /** A small random BERT that reads MiniLM's tokenizer (vocabulary 30522). */
    static final BertConfig SMALL =
            BertConfig.builder()
                    .setHiddenSize(16)
                    .setNumHiddenLayers(1)
                    .setNumAttentionHeads(2)
                    .setIntermediateSize(32)
                    .optHiddenDropoutProb(0)
                    .optAttentionProbsDropoutProb(0)
                    .build();

    static final LabelSet LABELS = LabelSet.of("neg", "pos");
    static final List<String> TEXTS =
            List.of("a wonderful film", "boring and far too long", "I loved it", "awful acting");

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    static BertClassifier small(Pooling pooling) throws IOException {
        return BertClassifier.create(SMALL, BertPreset.MINILM_L6.tokenizer(32), LABELS, pooling);
    }

    @Test
    void logitsAreRawScoresOfTheRightShape() throws IOException {
        try (BertClassifier classifier = small(Pooling.POOLER)) {
            float[][] logits = classifier.logits(TEXTS);
            assertEquals(4, logits.length);
            assertEquals(2, logits[0].length);
            assertEquals(0, classifier.logits(List.of()).length);
            assertEquals("neg", classifier.labels().name(0));
        }
    }

    /** Trains a reloaded classifier, so imported weights are shown to be trainable too. */
    @Test
    void gradientsFlowAndAFewStepsLowerTheLoss(@TempDir Path dir) throws IOException {
        try (BertClassifier original = small(Pooling.MEAN)) {
            original.save(dir.resolve("m"));
        }
        try (BertClassifier classifier = BertClassifier.load(dir.resolve("m"))) {
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build();
            float first = step(classifier, adam);
            float last = first;
            for (int i = 0; i < 5; i++) {
                last = step(classifier, adam);
            }
            assertTrue(last < first * 0.8, "loss went from " + first + " to " + last);
        }
    }

    private static float step(BertClassifier classifier, Optimizer optimizer) {
        try (NDManager step = classifier.manager().newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList input = classifier.encoder().encodeBatch(TEXTS).toNDList(step);
            NDArray logits =
                    classifier.block().forward(new ParameterStore(step, false), input, true).head();
            NDArray labels = step.create(new float[] {1, 0, 1, 0});
            NDArray loss =
                    Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits));
            collector.backward(loss);
            for (Parameter p : classifier.bertBlock().hfParameters().values()) {
                NDArray grad = p.getArray().getGradient();
                optimizer.update(p.getId(), p.getArray(), grad);
            }
            return loss.getFloat();
        }
    }

    @Test
    void aClosedTeacherSaysSoAndClosesOnce(@TempDir Path dir) throws IOException {
        BertClassifier classifier = small(Pooling.MEAN);
        classifier.close();
        classifier.close();

        for (Executable call :
                List.<Executable>of(
                        () -> classifier.predict("a text"),
                        () -> classifier.logits(TEXTS),
                        () -> classifier.save(dir.resolve("closed")))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call);
            assertEquals("the classifier is closed", e.getMessage());
        }
    }

    @Test
    void aFolderThatIsNotABertClassifierIsNamed(@TempDir Path dir) throws IOException {
        Path student = Files.createDirectories(dir.resolve("student"));
        Files.writeString(student.resolve("config.json"), "{\"format\": \"bert-distill/textcnn\"}");

        IOException e = assertThrows(IOException.class, () -> BertClassifier.load(student));

        assertEquals(
                student.resolve("config.json")
                        + ": not a BERT classifier (format \"bert-distill/textcnn\")",
                e.getMessage());
    }

    @Test
    void huggingFaceLayoutRoundTripIsBitExact(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("teacher");
        try (BertClassifier original = small(Pooling.CLS)) {
            original.save(folder);
            try (BertClassifier loaded = BertClassifier.load(folder)) {
                assertEquals(original.labels(), loaded.labels());
                assertEquals(Pooling.CLS, loaded.bertBlock().pooling());
                assertEquals(32, loaded.tokenizer().maxLength());
                Map<String, Parameter> a = original.bertBlock().hfParameters();
                Map<String, Parameter> b = loaded.bertBlock().hfParameters();
                assertEquals(a.keySet(), b.keySet());
                assertTrue(a.containsKey("bert.embeddings.word_embeddings.weight"));
                assertTrue(a.containsKey("classifier.weight"));
                for (String name : a.keySet()) {
                    assertArrayEquals(
                            a.get(name).getArray().toFloatArray(),
                            b.get(name).getArray().toFloatArray(),
                            name);
                }
                assertArrayEquals(original.logits(TEXTS)[2], loaded.logits(TEXTS)[2]);
            }
        }
    }

    /** A broken setting of config.json is an IOException naming the file and the key. */
    @Test
    void aBrokenSettingNamesConfigJson(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("teacher");
        try (BertClassifier original = small(Pooling.CLS)) {
            original.save(folder);
        }
        Path config = folder.resolve("config.json");
        String written = Files.readString(config);
        assertTrue(written.contains("\"pooling\": \"cls\""), written);
        Files.writeString(config, written.replace("\"pooling\": \"cls\"", "\"pooling\": \"maxx\""));
        IOException pooling = assertThrows(IOException.class, () -> BertClassifier.load(folder));
        assertTrue(
                pooling.getMessage().startsWith(config + ": bert_distill.pooling: expected one of"),
                pooling.getMessage());
        assertFalse(pooling.getMessage().contains("io.github."), pooling.getMessage());
    }

    @Test
    void aFolderWhoseLabelsFileDisagreesWithItsConfigIsRefused(@TempDir Path dir)
            throws IOException {
        Path folder = dir.resolve("teacher");
        try (BertClassifier original = small(Pooling.CLS)) {
            original.save(folder);
        }
        Files.writeString(folder.resolve("labels.json"), LabelSet.of("a", "b", "c").toJson());
        IOException e = assertThrows(IOException.class, () -> BertClassifier.load(folder));
        assertTrue(
                e.getMessage()
                        .contains("lists [a, b, c] but config.json's id2label gives [neg, pos]"),
                e.getMessage());
    }

    @Test
    void aSavedTeacherLoadsOnAWorkerThreadWhereGradModeIsOn(@TempDir Path dir) throws Exception {
        // Grad mode is per thread and on everywhere but on the engine's thread (a Spark task's
        // thread, a server's): the weights must still be copied into the parameters.
        Path folder = dir.resolve("teacher");
        float[] expected;
        try (BertClassifier original = small(Pooling.MEAN)) {
            original.save(folder);
            expected = original.logits(TEXTS)[1];
        }
        float[][] loaded = new float[1][];
        Exception[] failure = new Exception[1];
        Thread worker =
                new Thread(
                        () -> {
                            try (BertClassifier teacher = BertClassifier.load(folder)) {
                                loaded[0] = teacher.logits(TEXTS)[1];
                            } catch (Exception e) {
                                failure[0] = e;
                            }
                        });
        worker.start();
        worker.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        assertArrayEquals(expected, loaded[0]);
    }

    @Test
    void presetEncoderGetsANewHead() throws IOException {
        try (BertClassifier classifier =
                BertClassifier.fromPreset(BertPreset.MINILM_L6, LABELS, Pooling.MEAN, 64)) {
            assertEquals(
                    List.of("classifier.weight", "classifier.bias"),
                    classifier.loadReport().orElseThrow().missing());
            assertEquals(4, classifier.predict(TEXTS).size());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> BertClassifier.fromPreset(BertPreset.MINILM_L6, LABELS, Pooling.POOLER, 64));
    }

    @Test
    void tokenizerLargerThanTheEmbeddingIsRejected() throws IOException {
        BertConfig tooSmall = SMALL.toBuilder().setVocabSize(1000).build();
        BertTokenizer tokenizer = BertPreset.MINILM_L6.tokenizer(32);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> BertClassifier.create(tooSmall, tokenizer, LABELS, Pooling.CLS));
        assertTrue(e.getMessage().contains("vocab_size"), e.getMessage());
    }
}

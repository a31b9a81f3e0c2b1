package io.github.bertdistill.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.eval.report.EvaluationReport;
import io.github.bertdistill.eval.report.ModelReport;
import io.github.bertdistill.eval.report.PairedTest;
import io.github.bertdistill.eval.report.SeedReplicates;
import io.github.bertdistill.eval.stats.McNemarTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    @Test
    void measuresEveryModelInOrder(@TempDir Path work) throws Exception {
        EvaluationReport report = SampleReport.builder(work).build().run();

        List<ModelReport> models = report.models();
        assertEquals(
                List.of("bert-teacher", "textcnn-hard", "textcnn-kd", "tiny-djl"),
                models.stream().map(ModelReport::name).toList());
        assertEquals(SampleReport.SIZE, report.testSize());
        ModelReport teacher = report.teacher().orElseThrow();
        assertEquals(1, teacher.quality().accuracy().estimate());
        assertEquals(1, teacher.quality().agreementWithTeacher().orElseThrow());
        // textcnn-hard is wrong on the 10 multiples of 4 below 60 whose gold label is not "neg".
        assertEquals(50.0 / 60, models.get(1).quality().accuracy().estimate(), 1e-12);
        assertEquals(
                50.0 / 60, models.get(1).quality().agreementWithTeacher().orElseThrow(), 1e-12);
        Path folder = work.resolve("textcnn-hard");
        assertEquals(
                Files.size(folder.resolve("model.params"))
                        + Files.size(folder.resolve("config.json")),
                models.get(1).footprint().diskBytes().orElseThrow());
        assertEquals("textcnn-hard", models.get(1).config().get("architecture").getAsString());
        assertEquals(21, models.get(1).trainingCurve().size());
        assertEquals(15, models.get(3).footprint().parameters().orElseThrow());
        assertTrue(models.get(3).latency().batch1ModelOnly().isPresent());
        assertTrue(models.get(0).footprint().memory().peakBytes().isPresent());
    }

    @Test
    void testsTheDistilledStudentAgainstTheUndistilledOne(@TempDir Path work) throws Exception {
        EvaluationReport report = SampleReport.builder(work).build().run();

        assertEquals(1, report.pairedTests().size());
        PairedTest test = report.pairedTests().get(0);
        assertEquals("textcnn-kd", test.modelA());
        assertEquals("textcnn-hard", test.modelB());
        // kd is wrong on 7, 14, 28, 35, 49, 56; hard on 4, 8, 16, 20, 28, 32, 40, 44, 52, 56.
        assertEquals(8, test.result().b());
        assertEquals(4, test.result().c());
        assertEquals(McNemarTest.Method.EXACT_BINOMIAL, test.result().method());
        // 2 * (1 + 12 + 66 + 220 + 495) / 4096.
        assertEquals(1588.0 / 4096, test.result().pValue(), 1e-12);
    }

    @Test
    void summarisesSeedReplicatesByRoleAndClosesThem(@TempDir Path work) throws Exception {
        FakeClassifier hardOne = FakeClassifier.instant(Fixtures.LABELS, Fixtures::gold);
        FakeClassifier hardTwo =
                FakeClassifier.instant(Fixtures.LABELS, t -> Fixtures.wrongEvery(t, 4));
        FakeClassifier kd = FakeClassifier.instant(Fixtures.LABELS, Fixtures::gold);
        EvaluationReport report =
                Evaluation.builder()
                        .setDataset(Fixtures.dataset(SampleReport.SIZE))
                        .optEngineInfo(Fixtures.ENGINE)
                        .optLatency(Fixtures.quickBenchmark(Fixtures.dataset(SampleReport.SIZE)))
                        .addModel(spec("m", FakeClassifier.instant(Fixtures.LABELS, t -> 0)))
                        .addSeedReplicate(
                                "student-hard",
                                7,
                                () -> hardOne,
                                SampleReport.devLog(work, "hard-7", 0.9))
                        .addSeedReplicate("student-kd", 3, () -> kd, null)
                        .addSeedReplicate(
                                "student-hard",
                                8,
                                () -> hardTwo,
                                SampleReport.devLog(work, "hard-8", 0.7))
                        .build()
                        .run();

        List<SeedReplicates> replicates = report.seedReplicates();
        assertEquals(
                List.of("student-hard", "student-kd"),
                replicates.stream().map(SeedReplicates::role).toList());
        SeedReplicates hard = replicates.get(0);
        assertEquals(List.of(7L, 8L), hard.seeds());
        // seed 8 is wrong on the 10 multiples of 4 below 60 whose gold label is not "neg".
        assertEquals(List.of(1.0, 50.0 / 60), hard.accuracies());
        assertEquals((1 + 50.0 / 60) / 2, hard.mean(), 1e-12);
        assertEquals((1 - 50.0 / 60) / Math.sqrt(2), hard.standardDeviation(), 1e-12);
        assertEquals(50.0 / 60, hard.min(), 1e-12);
        assertTrue(Double.isNaN(replicates.get(1).standardDeviation()), "one seed has no sd");
        // the best validation of each log, not its last one
        assertEquals(List.of(0.9, 0.7), hard.devAccuracies());
        assertEquals(0.8, hard.devMean(), 1e-12);
        assertFalse(replicates.get(1).hasDev(), "no log, no dev accuracy");
        assertTrue(hardOne.isClosed() && hardTwo.isClosed() && kd.isClosed());
    }

    @Test
    void rejectsModelsWithDifferentLabelsAndClosesThem() {
        FakeClassifier first = FakeClassifier.instant(Fixtures.LABELS, Fixtures::gold);
        AtomicInteger classified = new AtomicInteger();
        FakeClassifier other =
                FakeClassifier.instant(
                        LabelSet.of("x", "y", "z"),
                        t -> {
                            classified.incrementAndGet();
                            return 0;
                        });
        Evaluation evaluation =
                Evaluation.builder()
                        .setDataset(Fixtures.dataset(6))
                        .optEngineInfo(Fixtures.ENGINE)
                        .addModel(spec("first", first))
                        .addModel(spec("other", other))
                        .build();

        assertThrows(IllegalArgumentException.class, evaluation::run);
        assertTrue(first.isClosed() && other.isClosed());
        assertEquals(0, classified.get(), "refused before it classifies the test set");
    }

    @Test
    void rejectsDuplicateNamesAndUnknownPairs() {
        assertThrows(
                IllegalArgumentException.class,
                () -> oneModel().optPairedTest("m", "nobody").build());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        oneModel()
                                .addModel(
                                        spec("m", FakeClassifier.instant(Fixtures.LABELS, t -> 0)))
                                .build());
    }

    private static Evaluation.Builder oneModel() {
        return Evaluation.builder()
                .setDataset(Fixtures.dataset(3))
                .addModel(spec("m", FakeClassifier.instant(Fixtures.LABELS, t -> 0)));
    }

    private static ModelSpec spec(String name, FakeClassifier classifier) {
        return ModelSpec.builder().setName(name).setRole("other").setClassifier(classifier).build();
    }
}

package io.github.bertdistill.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.distill.augment.Augmenter;
import io.github.bertdistill.distill.augment.TransferSet;
import io.github.bertdistill.distill.cache.CacheMismatchException;
import io.github.bertdistill.distill.cache.CachedLogits;
import io.github.bertdistill.distill.cache.LogitCacheWriter;
import io.github.bertdistill.distill.cache.TeacherFeatureCache;
import io.github.bertdistill.distill.cache.TeacherFingerprint;
import io.github.bertdistill.distill.cache.TeacherLogitCache;
import io.github.bertdistill.distill.loss.LossKind;
import io.github.bertdistill.distill.train.DistillationTrainer;
import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.Schedule;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.distill.train.TrainerConfig;
import io.github.bertdistill.examples.pipeline.ModelFolderException;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import io.github.bertdistill.examples.pipeline.RunData;
import io.github.bertdistill.examples.pipeline.SoftTargetRuntime;
import io.github.bertdistill.examples.pipeline.TeacherWordEmbeddings;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import io.github.bertdistill.student.model.TextCnnClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed labelling in local Spark against the single-process labeller, on the embedded
 * fine-foods training data and two augmented copies of each review.
 */
class LabelJobTest {
    /** ONNX Runtime's float noise between batches of other compositions and lengths. */
    private static final double TOLERANCE = 1e-5;

    /**
     * How far two students trained on caches {@link #TOLERANCE} apart may end. Training is
     * deterministic on equal inputs, but an epoch of 188 Adam steps and max-pooling amplify the
     * caches' noise: usually to under 1e-6, in rare runs to 3.1e-3 (a bound of 1e-3 made the test
     * flaky). A wrong record is caught by the per-example comparison of the soft targets instead:
     * giving 100 of the 12,000 texts a neighbour's logits moves the students by only 1.8e-3.
     */
    private static final float STUDENT_TOLERANCE = 1e-2f;

    @TempDir static Path folder;
    private static SparkSession spark;
    private static Recipe recipe;
    private static Path train;
    private static Path teacher;
    private static TeacherFingerprint fingerprint;
    private static TextDataset transferSet;
    private static Path localCache;
    private static Path localFeatures;

    @BeforeAll
    static void labelInOneProcess() throws IOException {
        spark = SparkFixtures.session();
        recipe = RecipeLoader.load(null, List.of("augmentation.copies=2"));
        train = SparkFixtures.fineFoodsTrain(folder);
        teacher = SparkFixtures.teacher(folder.resolve("teacher"), train);
        TextDataset labelled = RunData.readFile(recipe.data, train.toString(), folder);
        localCache = folder.resolve("local-cache");
        localFeatures = folder.resolve("local-features");
        try (EncodingClassifier model = ModelFolders.load(teacher)) {
            // Exactly as the label stage labels: the recipe's runtime and its fingerprint.
            SoftTargetRuntime runtime = SoftTargetRuntime.of(model, recipe.engine.labelWith);
            fingerprint = runtime.cacheFingerprint(ModelFolders.fingerprint(teacher, model));
            Augmenter augmenter =
                    new Augmenter(
                            recipe.augmentation.toConfig(recipe.seed),
                            TeacherWordEmbeddings.find(model, teacher)
                                    .orElseThrow()
                                    .neighbourSearch(recipe.augmentation.neighbours));
            transferSet =
                    TransferSet.builder().setTrainingSet(labelled).setAugmenter(augmenter).build();
            try (EncodingClassifier labeller = runtime.labeller(model, transferSet.texts())) {
                assertTrue(runtime.onOnnxRuntime(), "the default labels on ONNX Runtime");
                LogitCacheWriter.builder()
                        .setTeacher(labeller)
                        .setFingerprint(fingerprint)
                        .setDirectory(localCache)
                        .optFeatureDirectory(localFeatures)
                        .build()
                        .write(transferSet);
            }
        }
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static LabelJob.Builder job(Path output) {
        return LabelJob.builder()
                .setSpark(spark)
                .setTeacher(teacher)
                .setCorpus(new Corpus(train.toString(), "tsv", "review", null, "UTF-8", ""))
                .setRecipe(recipe)
                .setOutput(output)
                .optPartitions(3)
                .optChunkSize(1024);
    }

    private static Map<String, CachedLogits> records(Path cache) throws IOException {
        return TeacherLogitCache.open(cache, fingerprint).stream()
                .collect(Collectors.toMap(CachedLogits::id, r -> r));
    }

    @Test
    void theJobWritesTheSingleProcessLabellersLogitsAndDistillTrainsTheSameStudent()
            throws IOException {
        Path sparkCache = folder.resolve("spark-cache");
        LogitCacheWriter.Summary summary = job(sparkCache).build().run();

        assertEquals(12_000, transferSet.size(), "4,000 reviews and 2 copies of each");
        assertEquals(new LogitCacheWriter.Summary(0, transferSet.size()), summary);
        Map<String, CachedLogits> expected = records(localCache);
        Map<String, CachedLogits> actual = records(sparkCache);
        assertEquals(expected.keySet(), actual.keySet());
        TeacherLogitCache localTargets = TeacherLogitCache.open(localCache, fingerprint);
        TeacherLogitCache sparkTargets = TeacherLogitCache.open(sparkCache, fingerprint);
        double largest = 0;
        for (CachedLogits record : expected.values()) {
            assertEquals(record.textHash(), actual.get(record.id()).textHash(), record.id());
            // What the trainer reads: one lookup per example id.
            float[] mine = localTargets.logitsFor(record.id()).orElseThrow();
            float[] theirs = sparkTargets.logitsFor(record.id()).orElseThrow();
            for (int c = 0; c < mine.length; c++) {
                largest = Math.max(largest, Math.abs(mine[c] - theirs[c]));
            }
        }
        assertTrue(largest <= TOLERANCE, "largest logit difference " + largest);

        float[][] fromLocal = distil(localTargets, "local");
        float[][] fromSpark = distil(sparkTargets, "spark");
        for (int i = 0; i < fromLocal.length; i++) {
            assertArrayEquals(
                    fromLocal[i], fromSpark[i], STUDENT_TOLERANCE, "student logits of text " + i);
        }
    }

    /** Trains the same student on the transfer set with {@code logits}; its dev logits. */
    private static float[][] distil(SoftTargets logits, String name) throws IOException {
        List<String> texts = transferSet.texts();
        try (TextCnnClassifier student = SparkFixtures.newStudent(texts)) {
            DistillationTrainer.builder()
                    .setTrainingConfig(
                            TrainerConfig.builder().optEpochs(1).optBatchSize(64).build())
                    .setOutputDir(folder.resolve("students").resolve(name))
                    .setMethodConfig(
                            MethodConfig.builder()
                                    .optLossKind(LossKind.KL)
                                    .optTemperature(Schedule.constant(2))
                                    .optAlpha(Schedule.constant(0.5f))
                                    .build())
                    .setClassifier(student)
                    .setTrainSet(transferSet)
                    .optSoftTargets(logits)
                    .build()
                    .fit();
            return student.logits(texts.subList(0, 200));
        }
    }

    @Test
    void withFeaturesTheJobWritesTheTeachersVectorsBesideTheLogitsItAlreadyHas()
            throws IOException {
        Path logits = folder.resolve("with-features").resolve("logits");
        Path features = folder.resolve("with-features").resolve("features");
        job(logits).build().run();

        LogitCacheWriter.Summary summary = job(logits).optFeatureDirectory(features).build().run();
        assertEquals(
                new LogitCacheWriter.Summary(transferSet.size(), 0),
                summary,
                "every logit was there: none is written twice");
        assertEquals(transferSet.size(), TeacherLogitCache.open(logits).stream().count());
        TeacherLogitCache expected = TeacherLogitCache.open(localFeatures);
        TeacherLogitCache actual = TeacherLogitCache.open(features);
        assertEquals(expected.fingerprint(), actual.fingerprint(), "the local writer's stamp");
        assertTrue(
                TeacherFeatureCache.openIfComplete(
                                features, fingerprint, expected.labels().size(), transferSet)
                        .isPresent());
        double largest = 0;
        for (TextExample example : transferSet) {
            float[] want = expected.logitsFor(example.id()).orElseThrow();
            float[] got = actual.logitsFor(example.id()).orElseThrow();
            for (int j = 0; j < want.length; j++) {
                largest = Math.max(largest, Math.abs(want[j] - got[j]));
            }
        }
        assertTrue(largest <= TOLERANCE, "largest feature difference " + largest);

        assertEquals(
                new LogitCacheWriter.Summary(transferSet.size(), 0),
                job(logits).optFeatureDirectory(features).build().run(),
                "a re-run finds both caches complete");
        assertEquals(transferSet.size(), TeacherLogitCache.open(features).stream().count());
    }

    @Test
    void aFailedFirstAttemptIsRetriedAndEveryIdIsStoredOnce() throws IOException {
        Path cache = folder.resolve("retried");
        LogitCacheWriter.Summary summary = job(cache).failFirstAttemptOf(1).build().run();

        assertEquals(transferSet.size(), summary.labelled());
        List<String> ids =
                TeacherLogitCache.open(cache, fingerprint).stream().map(CachedLogits::id).toList();
        assertEquals(transferSet.size(), ids.size());
        Set<String> expected =
                transferSet.examples().stream().map(TextExample::id).collect(Collectors.toSet());
        assertEquals(expected, new HashSet<>(ids));
    }

    @Test
    void aRerunResumesWithoutDuplicatesAndTheSingleProcessLabellerReusesItsRecords()
            throws IOException {
        Path cache = folder.resolve("rerun");
        job(cache).build().run();
        LogitCacheWriter.Summary again = job(cache).build().run();
        assertEquals(
                new LogitCacheWriter.Summary(transferSet.size(), 0),
                again,
                "nothing labelled twice, everything counted as cached");
        assertEquals(
                transferSet.size(), TeacherLogitCache.open(cache, fingerprint).stream().count());

        try (EncodingClassifier model = ModelFolders.load(teacher)) {
            LogitCacheWriter.Summary local =
                    LogitCacheWriter.builder()
                            .setTeacher(model)
                            .setFingerprint(fingerprint)
                            .setDirectory(cache)
                            .build()
                            .write(transferSet);
            assertEquals(new LogitCacheWriter.Summary(transferSet.size(), 0), local);
        }
    }

    @Test
    void aDamagedTeacherOrAnotherTeachersCacheFailsBeforeAnyTask() throws IOException {
        Path damaged = folder.resolve("damaged");
        Files.createDirectories(damaged);
        for (Path file : Files.list(teacher).toList()) {
            Files.copy(file, damaged.resolve(file.getFileName()));
        }
        Path weights = ModelFolders.weightsFile(damaged);
        Files.write(weights, new byte[] {1, 2, 3});
        spark.sparkContext().setJobGroup("damaged", "damaged teacher", false);
        ModelFolderException error =
                assertThrows(
                        ModelFolderException.class,
                        () -> job(folder.resolve("never")).setTeacher(damaged).build().run());
        assertTrue(error.getMessage().contains(damaged.toString()), error.getMessage());
        assertEquals(0, spark.sparkContext().statusTracker().getJobIdsForGroup("damaged").length);

        Path other = folder.resolve("other-teacher-cache");
        try (EncodingClassifier model = ModelFolders.load(teacher)) {
            LogitCacheWriter.builder()
                    .setTeacher(model)
                    .setFingerprint(TeacherFingerprint.of("another teacher"))
                    .setDirectory(other)
                    .build()
                    .write(transferSet.examples().subList(0, 3));
        }
        spark.sparkContext().setJobGroup("mismatch", "another teacher's cache", false);
        CacheMismatchException mismatch =
                assertThrows(CacheMismatchException.class, () -> job(other).build().run());
        assertTrue(mismatch.getMessage().contains("another teacher"), mismatch.getMessage());
        assertEquals(0, spark.sparkContext().statusTracker().getJobIdsForGroup("mismatch").length);
        assertFalse(Files.exists(folder.resolve("never").resolve("manifest.json")));
        spark.sparkContext().clearJobGroup();
    }
}

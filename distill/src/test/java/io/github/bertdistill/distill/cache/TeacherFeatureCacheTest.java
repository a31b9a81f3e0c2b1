package io.github.bertdistill.distill.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.core.model.LogitsAndFeatures;
import io.github.bertdistill.core.model.TextEncoder;
import io.github.bertdistill.core.testing.CharacterEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherFeatureCacheTest {
    private static final TeacherFingerprint TEACHER = TeacherFingerprint.of("teacher-a");
    private static final TextDataset SET =
            TextDataset.of(
                    "set",
                    List.of(
                            TextExample.labelled("a", "good film", "pos"),
                            TextExample.unlabelled("b", "a dull and long film"),
                            TextExample.labelled("c", "bad", "neg")));

    @TempDir Path dir;

    /** Labels {@code examples} into {@code logits/} and {@code features/} in one pass. */
    private LogitCacheWriter.Summary label(FeaturesOfText teacher, Iterable<TextExample> examples)
            throws IOException {
        return writer(teacher).optFeatureDirectory(dir.resolve("features")).build().write(examples);
    }

    private LogitCacheWriter.Builder writer(FeaturesOfText teacher) {
        return LogitCacheWriter.builder()
                .setTeacher(teacher)
                .setFingerprint(TEACHER)
                .setDirectory(dir.resolve("logits"));
    }

    private Optional<TeacherFeatureCache> features(int size) throws IOException {
        return TeacherFeatureCache.openIfComplete(dir.resolve("features"), TEACHER, size, SET);
    }

    @Test
    void oneForwardPassWritesTheLogitsAndTheVectorsOfEveryText() throws IOException {
        FeaturesOfText teacher = new FeaturesOfText(4);
        assertEquals(new LogitCacheWriter.Summary(0, 3), label(teacher, SET));
        assertEquals(1, teacher.passes, "one batch, one forward pass for both");
        assertEquals(0, teacher.separateCalls, "no second pass for the features");

        TeacherFeatureCache cache = features(4).orElseThrow();
        TeacherLogitCache logits = TeacherLogitCache.open(dir.resolve("logits"), TEACHER);
        assertEquals(4, cache.featureSize());
        for (TextExample example : SET) {
            assertArrayEquals(
                    FeaturesOfText.features(example.text(), 4),
                    cache.featuresFor(example.id()).orElseThrow());
            assertArrayEquals(
                    FeaturesOfText.logits(example.text()),
                    logits.logitsFor(example.id()).orElseThrow());
        }
        assertEquals(Optional.empty(), cache.featuresFor("z"));
    }

    @Test
    void aResumedRunLabelsOnlyTheMissingTexts() throws IOException {
        label(new FeaturesOfText(4), SET.derive("first two", List.of(SET.get(0), SET.get(1))));
        assertTrue(features(4).isEmpty(), "two of three texts are not a complete cache");

        FeaturesOfText teacher = new FeaturesOfText(4);
        assertEquals(new LogitCacheWriter.Summary(2, 1), label(teacher, SET));
        assertEquals(List.of("bad"), teacher.seen);
        assertTrue(features(4).isPresent());
        assertEquals(3, TeacherLogitCache.open(dir.resolve("logits"), TEACHER).stream().count());
    }

    @Test
    void aCompleteLogitCacheGetsNothingAndTheFeaturesGetEverything() throws IOException {
        writer(new FeaturesOfText(4)).build().write(SET);
        TeacherLogitCache before = TeacherLogitCache.open(dir.resolve("logits"), TEACHER);

        FeaturesOfText teacher = new FeaturesOfText(4);
        assertEquals(new LogitCacheWriter.Summary(0, 3), label(teacher, SET));
        assertTrue(features(4).isPresent());
        TeacherLogitCache after = TeacherLogitCache.open(dir.resolve("logits"), TEACHER);
        assertEquals(
                before.stream().map(CachedLogits::id).toList(),
                after.stream().map(CachedLogits::id).toList(),
                "no logit written twice");
        assertEquals(new LogitCacheWriter.Summary(3, 0), label(new FeaturesOfText(4), SET));
    }

    @Test
    void anotherTeachersOrWidthsCacheIsNotOpened() throws IOException {
        label(new FeaturesOfText(4), SET);

        TeacherFingerprint other = TeacherFingerprint.of("teacher-b");
        assertTrue(
                TeacherFeatureCache.openIfComplete(dir.resolve("features"), other, 4, SET)
                        .isEmpty());
        assertTrue(features(5).isEmpty());
        // and the logit cache of the same teacher is a different cache
        assertTrue(
                TeacherLogitCache.openIfWrittenBy(
                                dir.resolve("features"), TEACHER, List.of("h0", "h1", "h2", "h3"))
                        .isEmpty());
    }

    @Test
    void aTeacherWithoutFeaturesOrOneFolderForBothIsRefusedBeforeLabelling() {
        String none = refusal(new FeaturesOfText(0), dir.resolve("features"));
        assertTrue(none.contains("gives no feature vectors"), none);
        String same = refusal(new FeaturesOfText(4), dir.resolve("logits"));
        assertTrue(same.contains("two folders"), same);
    }

    /** Why a writer of {@code teacher}'s features into {@code features} is not built. */
    private String refusal(FeaturesOfText teacher, Path features) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> writer(teacher).optFeatureDirectory(features).build())
                .getMessage();
    }

    /**
     * Logits {@code (length, −length)} and features {@code (length, character sum, 1, 2, …)} of the
     * text; counts its forward passes.
     */
    private static final class FeaturesOfText implements FeatureClassifier {
        private final int size;
        private final TextEncoder encoder = CharacterEncoder.codePoints(64);
        private final List<String> seen = new ArrayList<>();
        private int passes;
        private int separateCalls;

        FeaturesOfText(int size) {
            this.size = size;
        }

        static float[] logits(String text) {
            return new float[] {text.length(), -text.length()};
        }

        static float[] features(String text, int size) {
            float[] row = new float[size];
            row[0] = text.length();
            row[1] = text.chars().sum();
            for (int j = 2; j < size; j++) {
                row[j] = j - 1;
            }
            return row;
        }

        @Override
        public int featureSize() {
            return size;
        }

        @Override
        public LogitsAndFeatures logitsAndFeatures(EncodedBatch batch) {
            passes++;
            List<String> texts = texts(batch);
            seen.addAll(texts);
            return new LogitsAndFeatures(
                    texts.stream().map(FeaturesOfText::logits).toArray(float[][]::new),
                    texts.stream().map(t -> features(t, size)).toArray(float[][]::new));
        }

        @Override
        public float[][] features(EncodedBatch batch) {
            separateCalls++;
            return texts(batch).stream().map(t -> features(t, size)).toArray(float[][]::new);
        }

        @Override
        public float[][] logits(EncodedBatch batch) {
            separateCalls++;
            return texts(batch).stream().map(FeaturesOfText::logits).toArray(float[][]::new);
        }

        private static List<String> texts(EncodedBatch batch) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                StringBuilder text = new StringBuilder();
                for (int t = 0; t < batch.length(); t++) {
                    if (batch.attentionMask()[i * batch.length() + t] != 0) {
                        text.appendCodePoint((int) batch.tokenIds()[i * batch.length() + t]);
                    }
                }
                texts.add(text.toString());
            }
            return texts;
        }

        @Override
        public TextEncoder encoder() {
            return encoder;
        }

        @Override
        public LabelSet labels() {
            return LabelSet.of("neg", "pos");
        }

        @Override
        public void close() {}
    }
}

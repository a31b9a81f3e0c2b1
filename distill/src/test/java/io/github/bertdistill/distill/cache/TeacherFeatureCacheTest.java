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

    @Test
    void keepsEveryTextsVectorByIdBesideTheLogitCache() throws IOException {
        FeaturesOfText teacher = new FeaturesOfText(4);
        LogitCacheWriter.Summary summary =
                TeacherFeatureCache.fill(dir.resolve("features"), teacher, TEACHER, SET);
        assertEquals(3, summary.labelled());

        TeacherFeatureCache cache =
                TeacherFeatureCache.openIfComplete(dir.resolve("features"), TEACHER, 4, SET)
                        .orElseThrow();
        assertEquals(4, cache.featureSize());
        for (TextExample example : SET) {
            assertArrayEquals(
                    FeaturesOfText.expected(example.text(), 4),
                    cache.featuresFor(example.id()).orElseThrow());
        }
        assertEquals(Optional.empty(), cache.featuresFor("z"));
    }

    @Test
    void aResumedFillWritesOnlyTheMissingTexts() throws IOException {
        TeacherFeatureCache.fill(
                dir.resolve("features"),
                new FeaturesOfText(4),
                TEACHER,
                SET.derive("first two", List.of(SET.get(0), SET.get(1))));
        assertTrue(
                TeacherFeatureCache.openIfComplete(dir.resolve("features"), TEACHER, 4, SET)
                        .isEmpty(),
                "two of three texts are not a complete cache");

        FeaturesOfText teacher = new FeaturesOfText(4);
        assertEquals(
                1,
                TeacherFeatureCache.fill(dir.resolve("features"), teacher, TEACHER, SET)
                        .labelled());
        assertEquals(List.of("bad"), teacher.seen);
        assertTrue(
                TeacherFeatureCache.openIfComplete(dir.resolve("features"), TEACHER, 4, SET)
                        .isPresent());
    }

    @Test
    void anotherTeachersOrWidthsCacheIsNotOpened() throws IOException {
        TeacherFeatureCache.fill(dir.resolve("features"), new FeaturesOfText(4), TEACHER, SET);

        TeacherFingerprint other = TeacherFingerprint.of("teacher-b");
        assertTrue(
                TeacherFeatureCache.openIfComplete(dir.resolve("features"), other, 4, SET)
                        .isEmpty());
        assertTrue(
                TeacherFeatureCache.openIfComplete(dir.resolve("features"), TEACHER, 5, SET)
                        .isEmpty());
        // and the logit cache of the same teacher is a different cache
        assertTrue(
                TeacherLogitCache.openIfWrittenBy(
                                dir.resolve("features"), TEACHER, List.of("h0", "h1", "h2", "h3"))
                        .isEmpty());
    }

    @Test
    void aTeacherWithoutFeaturesIsRefusedBeforeLabelling() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                TeacherFeatureCache.fill(
                                        dir.resolve("features"),
                                        new FeaturesOfText(0),
                                        TEACHER,
                                        SET));
        assertTrue(e.getMessage().contains("gives no feature vectors"), e.getMessage());
    }

    /** Features that are a function of the text: (length, character sum, 1, 2, …). */
    private static final class FeaturesOfText implements FeatureClassifier {
        private final int size;
        private final TextEncoder encoder = CharacterEncoder.codePoints(64);
        private final List<String> seen = new ArrayList<>();

        FeaturesOfText(int size) {
            this.size = size;
        }

        static float[] expected(String text, int size) {
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
        public float[][] features(EncodedBatch batch) {
            float[][] rows = new float[batch.size()][];
            for (int i = 0; i < rows.length; i++) {
                StringBuilder text = new StringBuilder();
                for (int t = 0; t < batch.length(); t++) {
                    if (batch.attentionMask()[i * batch.length() + t] != 0) {
                        text.appendCodePoint((int) batch.tokenIds()[i * batch.length() + t]);
                    }
                }
                seen.add(text.toString());
                rows[i] = expected(text.toString(), size);
            }
            return rows;
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
        public float[][] logits(EncodedBatch batch) {
            return new float[batch.size()][2];
        }

        @Override
        public void close() {}
    }
}

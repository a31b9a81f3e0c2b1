package io.github.bertdistill.distill.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogitCacheTest {
    private static final TeacherFingerprint TEACHER_A = TeacherFingerprint.of("teacher-a");
    private static final TeacherFingerprint TEACHER_B = TeacherFingerprint.of("teacher-b");

    @TempDir Path root;

    private static TextDataset dataset(int n) {
        List<TextExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            examples.add(TextExample.labelled("ex" + i, "sentence number " + i * 7, "pos"));
        }
        return TextDataset.of("fixture", examples);
    }

    private static LogitCacheWriter.Builder writer(
            FakeTeacher teacher, TeacherFingerprint fingerprint, Path dir) {
        return LogitCacheWriter.builder()
                .setTeacher(teacher)
                .setFingerprint(fingerprint)
                .setDirectory(dir)
                .optBatchSize(4)
                .optChunkSize(8);
    }

    private static Map<String, CachedLogits> contents(TeacherLogitCache cache) {
        return cache.stream().collect(Collectors.toMap(CachedLogits::id, r -> r));
    }

    @Test
    void everyShuffledExampleGetsItsOwnLogits() throws IOException {
        TextDataset data = dataset(37);
        writer(new FakeTeacher(), TEACHER_A, root).build().write(data);

        List<TextExample> shuffled = new ArrayList<>(data.examples());
        Collections.shuffle(shuffled, new Random(42));
        TeacherLogitCache cache = TeacherLogitCache.open(root, TEACHER_A);
        assertEquals(37, cache.size());
        for (TextExample example : shuffled) {
            float[] expected = FakeTeacher.expected(example.text());
            assertArrayEquals(expected, cache.logitsFor(example).orElseThrow());
            assertArrayEquals(expected, cache.logitsFor(example.id()).orElseThrow());
        }
        float[][] batch = cache.batchLogits(shuffled.subList(0, 5));
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(FakeTeacher.expected(shuffled.get(i).text()), batch[i]);
        }
        assertTrue(cache.logitsFor("unknown").isEmpty());
        assertEquals(37, cache.stream().count());
    }

    @Test
    void aShuffledDatasetWritesTheSameLogitsPerId() throws IOException {
        TextDataset data = dataset(21);
        List<TextExample> shuffled = new ArrayList<>(data.examples());
        Collections.shuffle(shuffled, new Random(7));
        writer(new FakeTeacher(), TEACHER_A, root.resolve("a")).build().write(data);
        writer(new FakeTeacher(), TEACHER_A, root.resolve("b")).build().write(shuffled);

        assertEquals(
                contents(TeacherLogitCache.open(root.resolve("a"))),
                contents(TeacherLogitCache.open(root.resolve("b"))));
    }

    @Test
    void aCacheCoversExactlyTheExamplesItHoldsWithTheirCurrentText() throws IOException {
        TextDataset data = dataset(12);
        List<String> labels = new FakeTeacher().labels().names();
        assertTrue(TeacherLogitCache.openIfWrittenBy(root, TEACHER_A, labels).isEmpty());
        writer(new FakeTeacher(), TEACHER_A, root).build().write(data.examples().subList(0, 10));

        TeacherLogitCache cache =
                TeacherLogitCache.openIfWrittenBy(root, TEACHER_A, labels).orElseThrow();
        assertTrue(cache.covers(data.examples().subList(0, 10)));
        assertFalse(cache.covers(data), "two examples were never labelled");
        TextExample first = data.examples().get(0);
        TextExample edited = TextExample.labelled(first.id(), first.text() + " edited", "pos");
        assertFalse(cache.covers(List.of(edited)), "the text of ex0 changed");

        assertTrue(TeacherLogitCache.openIfWrittenBy(root, TEACHER_B, labels).isEmpty());
        assertTrue(
                TeacherLogitCache.openIfWrittenBy(root, TEACHER_A, List.of("other", "labels"))
                        .isEmpty());
    }

    @Test
    void aChangedTeacherIsRefusedWithBothFingerprintsAndThePath() throws IOException {
        TextDataset data = dataset(10);
        writer(new FakeTeacher(), TEACHER_A, root).build().write(data);

        CacheMismatchException onWrite =
                assertThrows(
                        CacheMismatchException.class,
                        () -> writer(new FakeTeacher(), TEACHER_B, root).build().write(data));
        CacheMismatchException onOpen =
                assertThrows(
                        CacheMismatchException.class,
                        () -> TeacherLogitCache.open(root, TEACHER_B));
        for (CacheMismatchException e : List.of(onWrite, onOpen)) {
            assertTrue(e.getMessage().contains("teacher-a"), e.getMessage());
            assertTrue(e.getMessage().contains("teacher-b"), e.getMessage());
            assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
        }
    }

    @Test
    void aChangedTeacherIsRecomputedWhenAskedTo() throws IOException {
        TextDataset data = dataset(10);
        writer(new FakeTeacher(), TEACHER_A, root).build().write(data);

        FakeTeacher second = new FakeTeacher();
        LogitCacheWriter.Summary summary =
                writer(second, TEACHER_B, root)
                        .optMismatchPolicy(MismatchPolicy.RECOMPUTE)
                        .build()
                        .write(data);

        assertEquals(new LogitCacheWriter.Summary(0, 10), summary);
        assertEquals(data.texts(), second.seen());
        assertEquals(TEACHER_B, TeacherLogitCache.open(root, TEACHER_B).fingerprint());
    }

    @Test
    void anInterruptedRunResumesWithTheRemainingExamples() throws IOException {
        TextDataset data = dataset(30);
        // Batches of 4, chunks of 8: calls 0-3 complete chunks 0 and 1, call 4 is labelled but
        // its chunk is still open when call 5 fails, so examples 16.. are labelled on resume.
        FakeTeacher failing = new FakeTeacher(5);
        Path dir = root.resolve("resumed");
        assertThrows(
                IllegalStateException.class,
                () -> writer(failing, TEACHER_A, dir).build().write(data));
        assertEquals(16, TeacherLogitCache.open(dir, TEACHER_A).size());

        FakeTeacher resumed = new FakeTeacher();
        LogitCacheWriter.Summary summary = writer(resumed, TEACHER_A, dir).build().write(data);

        assertEquals(new LogitCacheWriter.Summary(16, 14), summary);
        assertEquals(data.texts().subList(16, 30), resumed.seen());
        Path whole = root.resolve("whole");
        writer(new FakeTeacher(), TEACHER_A, whole).build().write(data);
        assertEquals(
                contents(TeacherLogitCache.open(whole, TEACHER_A)),
                contents(TeacherLogitCache.open(dir, TEACHER_A)));
    }

    @Test
    void aChangedTextIsLabelledAgainAndTheOldLogitsAreNeverServed() throws IOException {
        TextDataset data = dataset(12);
        writer(new FakeTeacher(), TEACHER_A, root).build().write(data);
        TextExample old = data.get(3);
        TextExample edited = TextExample.labelled(old.id(), "an edited sentence", "pos");
        List<TextExample> changed = new ArrayList<>(data.examples());
        changed.set(3, edited);

        FakeTeacher second = new FakeTeacher();
        writer(second, TEACHER_A, root).build().write(changed);

        assertEquals(List.of(edited.text()), second.seen());
        TeacherLogitCache cache = TeacherLogitCache.open(root, TEACHER_A);
        assertArrayEquals(
                FakeTeacher.expected(edited.text()), cache.logitsFor(edited).orElseThrow());
        CacheMismatchException e =
                assertThrows(CacheMismatchException.class, () -> cache.logitsFor(old));
        assertTrue(e.getMessage().contains("'" + old.id() + "'"), e.getMessage());
        assertEquals(12, cache.stream().count());
    }

    @Test
    void aChunkWrittenButNotListedIsIgnoredAndReplaced() throws IOException {
        TextDataset data = dataset(8);
        writer(new FakeTeacher(), TEACHER_A, root).build().write(data.examples().subList(0, 4));
        Files.write(root.resolve(CacheFolder.chunkName(1)), new byte[] {1, 2, 3});

        writer(new FakeTeacher(), TEACHER_A, root).build().write(data);

        assertEquals(8, TeacherLogitCache.open(root, TEACHER_A).size());
    }

    @Test
    void duplicateIdsAreRejected() {
        List<TextExample> twice =
                List.of(TextExample.unlabelled("x", "one"), TextExample.unlabelled("x", "two"));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> writer(new FakeTeacher(), TEACHER_A, root).build().write(twice));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
    }

    @Test
    void aMissingExampleInABatchIsNamed() throws IOException {
        TextDataset data = dataset(3);
        writer(new FakeTeacher(), TEACHER_A, root).build().write(data);
        TextExample stranger = TextExample.unlabelled("stranger", "not labelled");
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                TeacherLogitCache.open(root, TEACHER_A)
                                        .batchLogits(List.of(data.get(0), stranger)));
        assertTrue(e.getMessage().contains("'stranger'"), e.getMessage());
    }

    @Test
    void streamsLargerSetsChunkByChunk() throws IOException {
        List<TextExample> many =
                IntStream.range(0, 600)
                        .mapToObj(i -> TextExample.unlabelled("t" + i, "text " + i))
                        .toList();
        Iterable<TextExample> streamed = many::iterator;
        LogitCacheWriter.Summary summary =
                LogitCacheWriter.builder()
                        .setTeacher(new FakeTeacher())
                        .setFingerprint(TEACHER_A)
                        .setDirectory(root)
                        .optBatchSize(50)
                        .optChunkSize(200)
                        .build()
                        .write(streamed);

        assertEquals(600, summary.labelled());
        try (var chunks = Files.list(root)) {
            assertEquals(3, chunks.filter(p -> p.toString().endsWith(".bin")).count());
        }
        TeacherLogitCache cache = TeacherLogitCache.open(root, TEACHER_A);
        assertEquals(
                many.stream().map(TextExample::id).toList(),
                cache.stream().map(CachedLogits::id).toList());
    }
}

package io.github.bertdistill.distill.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextExample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records computed elsewhere, added to a cache folder as the single-process writer would. */
class LogitCacheAppenderTest {
    private static final TeacherFingerprint TEACHER = TeacherFingerprint.of("teacher-a");
    private static final List<String> LABELS = List.of("neg", "neu", "pos");

    @TempDir Path root;

    private static List<TextExample> examples(int n) {
        List<TextExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            examples.add(TextExample.unlabelled("ex" + i, "sentence number " + i * 7));
        }
        return examples;
    }

    private static CachedLogits record(TextExample example) {
        return new CachedLogits(
                example.id(), TextHash.of(example.text()), FakeTeacher.expected(example.text()));
    }

    private LogitCacheAppender open(Path dir) throws IOException {
        return LogitCacheAppender.builder()
                .setFingerprint(TEACHER)
                .setLabels(LABELS)
                .setDirectory(dir)
                .optChunkSize(8)
                .open();
    }

    @Test
    void appendedRecordsAreWhatTheWriterWritesAndItResumesFromThem() throws IOException {
        List<TextExample> examples = examples(21);
        LogitCacheAppender appender = open(root);
        for (TextExample example : examples) {
            appender.add(record(example));
        }
        assertEquals(new LogitCacheWriter.Summary(0, 21), appender.finish());

        TeacherLogitCache cache = TeacherLogitCache.open(root, TEACHER);
        assertEquals(21, cache.size());
        for (TextExample example : examples) {
            assertArrayEquals(
                    FakeTeacher.expected(example.text()), cache.logitsFor(example).orElseThrow());
        }
        FakeTeacher teacher = new FakeTeacher();
        LogitCacheWriter.Summary resumed =
                LogitCacheWriter.builder()
                        .setTeacher(teacher)
                        .setFingerprint(TEACHER)
                        .setDirectory(root)
                        .build()
                        .write(examples(25));
        assertEquals(new LogitCacheWriter.Summary(21, 4), resumed);
        assertEquals(4, teacher.seen().size());
    }

    @Test
    void aReopenedFolderReportsItsIdsAndStoresNoRecordTwice() throws IOException {
        List<TextExample> examples = examples(10);
        LogitCacheAppender first = open(root);
        for (TextExample example : examples.subList(0, 6)) {
            first.add(record(example));
        }
        first.finish();

        LogitCacheAppender second = open(root);
        Map<String, Long> cached = second.cached();
        assertEquals(6, cached.size());
        assertEquals(TextHash.of(examples.get(0).text()), cached.get("ex0"));
        for (TextExample example : examples) {
            second.add(record(example));
        }
        assertEquals(new LogitCacheWriter.Summary(6, 4), second.finish());
        assertEquals(10, TeacherLogitCache.open(root, TEACHER).stream().count());
    }

    @Test
    void anIdAddedTwiceOrAnotherTeachersFolderIsRefused() throws IOException {
        LogitCacheAppender appender = open(root);
        TextExample example = examples(1).get(0);
        appender.add(record(example));
        IllegalArgumentException twice =
                assertThrows(IllegalArgumentException.class, () -> appender.add(record(example)));
        assertTrue(twice.getMessage().contains("'ex0' appears twice"), twice.getMessage());
        appender.finish();

        CacheMismatchException mismatch =
                assertThrows(
                        CacheMismatchException.class,
                        () ->
                                LogitCacheAppender.builder()
                                        .setFingerprint(TeacherFingerprint.of("teacher-b"))
                                        .setLabels(LABELS)
                                        .setDirectory(root)
                                        .open());
        assertTrue(mismatch.getMessage().contains("teacher-b"), mismatch.getMessage());
    }
}

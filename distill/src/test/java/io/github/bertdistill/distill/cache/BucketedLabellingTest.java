package io.github.bertdistill.distill.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextExample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's length-bucketed batches, with a teacher that exposes its encoder. */
class BucketedLabellingTest {
    private static final TeacherFingerprint FINGERPRINT = TeacherFingerprint.of("recording");
    private static final int BATCH = 4;
    private static final int WINDOW = 16;

    @TempDir Path root;

    /** {@code n} texts of 1 to 60 letters and spaces, in no order of length. */
    private static List<TextExample> mixedLengths(int n) {
        Random random = new Random(5);
        List<TextExample> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(60);
            for (int c = 0; c < length; c++) {
                text.append(random.nextInt(6) == 0 ? ' ' : (char) ('a' + random.nextInt(26)));
            }
            examples.add(TextExample.unlabelled("t" + i, text.toString().strip() + "x"));
        }
        return examples;
    }

    private LogitCacheWriter.Builder writer(RecordingTeacher teacher, Path dir) {
        return LogitCacheWriter.builder()
                .setTeacher(teacher)
                .setFingerprint(FINGERPRINT)
                .setDirectory(dir)
                .optBatchSize(BATCH)
                .optWindowSize(WINDOW)
                .optChunkSize(WINDOW);
    }

    /** The records in file order, logits written out exactly. */
    private static List<String> records(Path dir) throws IOException {
        return TeacherLogitCache.open(dir, FINGERPRINT).stream()
                .map(r -> r.id() + " " + r.textHash() + " " + Arrays.toString(r.logits()))
                .toList();
    }

    /** The logits of the file-order batches of {@code BATCH}, each padded to its longest text. */
    private static float[][] unbucketed(List<TextExample> examples) {
        try (RecordingTeacher teacher = RecordingTeacher.create()) {
            List<String> texts = examples.stream().map(TextExample::text).toList();
            float[][] rows = new float[texts.size()][];
            for (int start = 0; start < texts.size(); start += BATCH) {
                float[][] batch =
                        teacher.logits(texts.subList(start, Math.min(texts.size(), start + BATCH)));
                System.arraycopy(batch, 0, rows, start, batch.length);
            }
            return rows;
        }
    }

    private static void assertCloseToUnbucketed(List<TextExample> examples, Path dir)
            throws IOException {
        float[][] expected = unbucketed(examples);
        TeacherLogitCache cache = TeacherLogitCache.open(dir, FINGERPRINT);
        for (int i = 0; i < examples.size(); i++) {
            float[] actual = cache.logitsFor(examples.get(i)).orElseThrow();
            for (int c = 0; c < actual.length; c++) {
                assertEquals(expected[i][c], actual[c], 1e-5, examples.get(i).id());
            }
        }
    }

    @Test
    void sortedBatchesGiveTheLogitsOfFileOrderBatchesInFileOrder() throws IOException {
        List<TextExample> examples = mixedLengths(61);
        RecordingTeacher teacher = RecordingTeacher.create();
        writer(teacher, root).build().write(examples);

        assertCloseToUnbucketed(examples, root);
        assertEquals(
                examples.stream().map(TextExample::id).toList(),
                TeacherLogitCache.open(root, FINGERPRINT).stream().map(CachedLogits::id).toList());
        // within each window of 16 (4 batches) the teacher saw lengths in increasing order
        List<int[]> batches = teacher.batches();
        assertEquals(16, batches.size());
        for (int i = 0; i < batches.size(); i++) {
            assertTrue(
                    i % (WINDOW / BATCH) == 0 || batches.get(i - 1)[1] <= batches.get(i)[1],
                    "batch " + i + " is shorter than the one before it in its window");
        }
        int padded = batches.stream().mapToInt(b -> b[0] * b[1]).sum();
        int fileOrder = 0;
        for (int start = 0; start < examples.size(); start += BATCH) {
            int end = Math.min(examples.size(), start + BATCH);
            int longest =
                    examples.subList(start, end).stream()
                            .mapToInt(e -> e.text().length())
                            .max()
                            .orElseThrow();
            fileOrder += (end - start) * longest;
        }
        assertTrue(padded < fileOrder, padded + " padded tokens, file order " + fileOrder);
        teacher.close();
    }

    @Test
    void aRunInterruptedInsideAChunkResumesToTheSameCache() throws IOException {
        List<TextExample> examples = mixedLengths(40);
        Path whole = root.resolve("whole");
        try (RecordingTeacher teacher = RecordingTeacher.create()) {
            writer(teacher, whole).build().write(examples);
        }
        // window 0 is calls 0-3; calls 4 and 5 of window 1 succeed, call 6 fails
        Path resumed = root.resolve("resumed");
        try (RecordingTeacher failing = RecordingTeacher.create(6)) {
            assertThrows(
                    IllegalStateException.class,
                    () -> writer(failing, resumed).build().write(examples));
        }
        assertEquals(WINDOW, TeacherLogitCache.open(resumed, FINGERPRINT).size());

        try (RecordingTeacher teacher = RecordingTeacher.create()) {
            LogitCacheWriter.Summary summary = writer(teacher, resumed).build().write(examples);
            assertEquals(new LogitCacheWriter.Summary(WINDOW, 40 - WINDOW), summary);
        }
        assertEquals(records(whole), records(resumed));
    }

    @Test
    void chunksSmallerThanTheWindowKeepTheFinishedBatchesOfAnInterruptedWindow()
            throws IOException {
        List<TextExample> examples = mixedLengths(40);
        Path whole = root.resolve("whole");
        try (RecordingTeacher teacher = RecordingTeacher.create()) {
            writer(teacher, whole).optChunkSize(2 * BATCH).build().write(examples);
            // the texts are still sorted a window of 16 at a time, across its two chunks
            List<int[]> batches = teacher.batches();
            for (int i = 1; i < WINDOW / BATCH; i++) {
                assertTrue(batches.get(i - 1)[1] <= batches.get(i)[1], "batch " + i);
            }
        }
        // window 0 is calls 0-3 (two chunks of 8); calls 4 and 5 of window 1 make a third chunk,
        // call 6 fails
        Path resumed = root.resolve("resumed");
        try (RecordingTeacher failing = RecordingTeacher.create(6)) {
            assertThrows(
                    IllegalStateException.class,
                    () -> writer(failing, resumed).optChunkSize(2 * BATCH).build().write(examples));
        }
        TeacherLogitCache partial = TeacherLogitCache.open(resumed, FINGERPRINT);
        assertEquals(WINDOW + 2 * BATCH, partial.size());
        // each chunk's records in the examples' order
        List<String> ids = partial.stream().map(CachedLogits::id).toList();
        for (int chunk = 0; chunk < 3; chunk++) {
            List<String> inChunk = ids.subList(chunk * 2 * BATCH, (chunk + 1) * 2 * BATCH);
            assertEquals(
                    inChunk.stream()
                            .sorted(
                                    Comparator.comparingInt(
                                            id -> Integer.parseInt(id.substring(1))))
                            .toList(),
                    inChunk);
        }

        try (RecordingTeacher teacher = RecordingTeacher.create()) {
            LogitCacheWriter.Summary summary =
                    writer(teacher, resumed).optChunkSize(2 * BATCH).build().write(examples);
            assertEquals(new LogitCacheWriter.Summary(WINDOW + 2 * BATCH, 16), summary);
        }
        assertEquals(
                records(whole).stream().sorted().toList(),
                records(resumed).stream().sorted().toList());
        assertCloseToUnbucketed(examples, resumed);
    }

    @Test
    void aTokenBudgetCapsEveryBatchButASingleText() throws IOException {
        List<TextExample> examples = mixedLengths(30);
        RecordingTeacher teacher = RecordingTeacher.create();
        writer(teacher, root).optTokenBudget(50).build().write(examples);

        assertCloseToUnbucketed(examples, root);
        for (int[] batch : teacher.batches()) {
            assertTrue(batch[0] == 1 || batch[0] * batch[1] <= 50, Arrays.toString(batch));
            assertTrue(batch[0] <= BATCH, Arrays.toString(batch));
        }
        assertTrue(teacher.batches().stream().anyMatch(b -> b[0] == 1 && b[1] > 25));
        teacher.close();
    }
}

package io.github.bertdistill.distill.cache;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.distill.train.SoftTargets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads a teacher-logit cache written by {@link LogitCacheWriter}: logits by example id, or all
 * records as a stream.
 *
 * <p>Opening scans the chunks once and keeps an in-memory index {@code id → (chunk, byte offset,
 * text hash)} (roughly 150 bytes per example); the logits stay on disk and each lookup reads one
 * record, so a transfer set larger than memory works. When an id was labelled twice (its text
 * changed between runs), the record in the later chunk wins. {@link #stream()} reads one chunk at a
 * time.
 *
 * <p>It is the training loop's {@link SoftTargets}: pass it to {@code
 * DistillationTrainer.Builder#optSoftTargets}.
 *
 * <p>Lookups are safe from several threads: the index is immutable after opening and every read
 * opens its own channel.
 */
public final class TeacherLogitCache implements SoftTargets {
    private final CacheFolder folder;
    private final CacheManifest manifest;
    private final LabelSet labels;
    private final Map<String, Location> index;

    private record Location(int chunk, long offset, long textHash) {}

    private TeacherLogitCache(CacheFolder folder, CacheManifest manifest) throws IOException {
        this.folder = folder;
        this.manifest = manifest;
        this.labels = LabelSet.of(manifest.labels());
        this.index = new HashMap<>();
        List<CacheManifest.Chunk> chunks = manifest.chunks();
        for (int c = 0; c < chunks.size(); c++) {
            int chunk = c;
            ChunkFormat.index(
                    folder.resolve(chunks.get(c)),
                    manifest.numClasses(),
                    chunks.get(c).records(),
                    (id, textHash, offset) -> index.put(id, new Location(chunk, offset, textHash)));
        }
    }

    /**
     * Opens the cache in {@code directory} after checking that {@code expected} wrote it.
     *
     * @throws CacheMismatchException naming both fingerprints and the folder if they differ
     * @throws IOException if there is no cache there or it cannot be read
     */
    public static TeacherLogitCache open(Path directory, TeacherFingerprint expected)
            throws IOException {
        TeacherLogitCache cache = open(directory);
        if (!cache.fingerprint().equals(expected)) {
            throw new CacheMismatchException(
                    "the teacher-logit cache "
                            + directory
                            + " was written by teacher "
                            + cache.fingerprint()
                            + ", not by the current teacher "
                            + expected
                            + "; relabel it (LogitCacheWriter with MismatchPolicy.RECOMPUTE)"
                            + " or point to the cache of this teacher");
        }
        return cache;
    }

    /**
     * The cache in {@code directory} if {@code teacher} wrote it for {@code labels}, or empty if
     * there is none yet or another teacher, label set or format version wrote it: exactly the
     * caches a {@link LogitCacheWriter} of that teacher continues rather than wipes.
     *
     * @throws IOException if the cache exists but cannot be read
     */
    public static Optional<TeacherLogitCache> openIfWrittenBy(
            Path directory, TeacherFingerprint teacher, List<String> labels) throws IOException {
        CacheFolder folder = new CacheFolder(directory);
        Optional<CacheManifest> manifest = folder.manifestOf(teacher, labels);
        return manifest.isEmpty()
                ? Optional.empty()
                : Optional.of(new TeacherLogitCache(folder, manifest.get()));
    }

    /**
     * Opens the cache in {@code directory} trusting its stamp: for when the teacher is not at hand.
     * Record {@link #fingerprint()} with the results it produces.
     *
     * @throws IOException if there is no cache there or it cannot be read
     */
    public static TeacherLogitCache open(Path directory) throws IOException {
        CacheFolder folder = new CacheFolder(directory);
        CacheManifest manifest =
                folder.readManifest()
                        .orElseThrow(
                                () ->
                                        new IOException(
                                                "no teacher-logit cache in "
                                                        + directory
                                                        + " (manifest.json is missing)"));
        checkVersion(directory, manifest);
        return new TeacherLogitCache(folder, manifest);
    }

    private static void checkVersion(Path directory, CacheManifest manifest) {
        if (manifest.formatVersion() != CacheManifest.FORMAT_VERSION) {
            throw new CacheMismatchException(
                    "the teacher-logit cache "
                            + directory
                            + " has format version "
                            + manifest.formatVersion()
                            + "; this code reads version "
                            + CacheManifest.FORMAT_VERSION);
        }
    }

    /** The folder the cache lives in. */
    public Path directory() {
        return folder.root();
    }

    /** The fingerprint of the teacher that wrote the cache. */
    public TeacherFingerprint fingerprint() {
        return TeacherFingerprint.of(manifest.fingerprint());
    }

    /** The teacher's classes, in logit order. */
    public LabelSet labels() {
        return labels;
    }

    /** {@link #labels()}: the trainer refuses a classifier whose labels are in another order. */
    @Override
    public Optional<LabelSet> labelOrder() {
        return Optional.of(labels);
    }

    /** Number of distinct example ids with logits. */
    public int size() {
        return index.size();
    }

    /** Whether logits are cached for {@code id}. */
    public boolean contains(String id) {
        return index.containsKey(id);
    }

    /**
     * Whether every one of {@code examples} has logits here, cached for its current text: then a
     * {@link LogitCacheWriter} of the same teacher would label nothing, and a caller can skip
     * loading the teacher's runtime.
     */
    public boolean covers(Iterable<TextExample> examples) {
        for (TextExample example : examples) {
            Location location = index.get(example.id());
            if (location == null || location.textHash() != TextHash.of(example.text())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The teacher's logits for the example {@code id}, or empty if it was never labelled; its text
     * is not checked (see {@link #logitsFor(TextExample)}).
     */
    public Optional<float[]> logitsFor(String id) {
        Location location = index.get(id);
        return location == null ? Optional.empty() : Optional.of(read(id, location).logits());
    }

    /**
     * The teacher's logits for {@code example}, or empty if its id was never labelled.
     *
     * @throws CacheMismatchException if the cached logits were computed from another text
     */
    @Override
    public Optional<float[]> logitsFor(TextExample example) {
        Location location = index.get(example.id());
        if (location == null) {
            return Optional.empty();
        }
        if (location.textHash() != TextHash.of(example.text())) {
            throw new CacheMismatchException(
                    "the text of example '"
                            + example.id()
                            + "' differs from the text its logits were cached for in "
                            + directory()
                            + "; relabel the data with LogitCacheWriter");
        }
        return Optional.of(read(example.id(), location).logits());
    }

    /**
     * The logits of a batch, one row per example in the batch's order: the form a training step
     * needs.
     *
     * @throws IllegalStateException naming the first example without cached logits
     * @throws CacheMismatchException if an example's text differs from the cached one
     */
    public float[][] batchLogits(List<TextExample> batch) {
        float[][] rows = new float[batch.size()][];
        for (int i = 0; i < rows.length; i++) {
            TextExample example = batch.get(i);
            rows[i] =
                    logitsFor(example)
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "no cached teacher logits for example '"
                                                            + example.id()
                                                            + "' in "
                                                            + directory()
                                                            + "; label this data set with"
                                                            + " LogitCacheWriter first"));
        }
        return rows;
    }

    /**
     * Every current record (one per id), chunk by chunk in write order, holding one chunk in memory
     * at a time.
     *
     * @throws UncheckedIOException from the stream's terminal operation if a chunk cannot be read
     */
    public Stream<CachedLogits> stream() {
        return IntStream.range(0, manifest.chunks().size())
                .boxed()
                .flatMap(chunk -> currentRecords(chunk).stream());
    }

    private List<CachedLogits> currentRecords(int chunk) {
        CacheManifest.Chunk entry = manifest.chunks().get(chunk);
        List<CachedLogits> records = new ArrayList<>(entry.records());
        try {
            ChunkFormat.scan(
                    folder.resolve(entry),
                    manifest.numClasses(),
                    entry.records(),
                    (record, offset) -> {
                        Location current = index.get(record.id());
                        if (current.chunk() == chunk && current.offset() == offset) {
                            records.add(record);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private CachedLogits read(String id, Location location) {
        Path file = folder.resolve(manifest.chunks().get(location.chunk()));
        try {
            return ChunkFormat.readAt(file, id, location.offset(), manifest.numClasses());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cached logits of '" + id + "'", e);
        }
    }
}

package io.github.bertdistill.distill.cache;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Adds logits that a teacher computed elsewhere to a cache folder: the writing half of {@link
 * LogitCacheWriter}, for a labelling job whose teacher runs in other processes (the executors of a
 * distributed job) and whose records arrive here one by one.
 *
 * <p>The folder gets what {@link LogitCacheWriter} would write: the same stamp check ({@link
 * CacheMismatchException}, or a wipe with {@link MismatchPolicy#RECOMPUTE}), chunks of {@code
 * chunkSize} records written atomically and listed in the manifest only once complete, and the same
 * resuming: {@link #cached()} tells which examples need no labelling, and a record whose {@code
 * (id, text hash)} is already cached is counted as reused, not written again. An id added twice is
 * refused, so no example is ever stored twice.
 */
public final class LogitCacheAppender {
    private final ChunkSink sink;
    private final Map<String, Long> cached;
    private final int chunkSize;
    private final Set<String> seen = new HashSet<>();
    private final List<CachedLogits> chunk = new ArrayList<>();
    private long reused;
    private long written;

    private LogitCacheAppender(Builder builder) throws IOException {
        CacheFolder folder = new CacheFolder(builder.directory);
        CacheManifest manifest =
                folder.start(builder.fingerprint, builder.labels, builder.mismatchPolicy);
        this.sink = new ChunkSink(folder, manifest);
        this.cached = Collections.unmodifiableMap(folder.cachedHashes(manifest));
        this.chunkSize = builder.chunkSize;
    }

    /** A builder; fingerprint, labels and directory are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The text hash of every example id the folder held when it was opened. */
    public Map<String, Long> cached() {
        return cached;
    }

    /**
     * Adds one record; writes a chunk when {@code chunkSize} records are waiting.
     *
     * @throws IllegalArgumentException if the record's id was added before, or its logits do not
     *     have one value per label
     */
    public void add(CachedLogits record) throws IOException {
        checkArgument(seen.add(record.id()), "the example id '%s' appears twice", record.id());
        checkArgument(
                record.logits().length == sink.numClasses(),
                "the record '%s' has %s logits for %s labels",
                record.id(),
                record.logits().length,
                sink.numClasses());
        Long hash = cached.get(record.id());
        if (hash != null && hash == record.textHash()) {
            reused++;
            return;
        }
        chunk.add(record);
        if (chunk.size() == chunkSize) {
            flush();
        }
    }

    /** Writes the last, partial chunk; returns what was reused and what was written. */
    public LogitCacheWriter.Summary finish() throws IOException {
        flush();
        return new LogitCacheWriter.Summary(reused, written);
    }

    private void flush() throws IOException {
        if (!chunk.isEmpty()) {
            sink.append(chunk);
            written += chunk.size();
            chunk.clear();
        }
    }

    /** Settings of a {@link LogitCacheAppender}. */
    public static final class Builder {
        private TeacherFingerprint fingerprint;
        private List<String> labels;
        private Path directory;
        private int chunkSize = 4096;
        private MismatchPolicy mismatchPolicy = MismatchPolicy.REFUSE;

        private Builder() {}

        /** The fingerprint of the teacher that computed the logits. */
        public Builder setFingerprint(TeacherFingerprint fingerprint) {
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        /** The teacher's label names, in logit order. */
        public Builder setLabels(List<String> labels) {
            this.labels = List.copyOf(labels);
            return this;
        }

        /** The cache folder, created if needed. */
        public Builder setDirectory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Records per chunk file (default 4096). */
        public Builder optChunkSize(int chunkSize) {
            checkArgument(chunkSize > 0, "chunk size must be positive, got %s", chunkSize);
            this.chunkSize = chunkSize;
            return this;
        }

        /** What to do with another teacher's cache (default {@link MismatchPolicy#REFUSE}). */
        public Builder optMismatchPolicy(MismatchPolicy policy) {
            this.mismatchPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Checks the folder's stamp and reads the ids it holds.
         *
         * @throws CacheMismatchException if the folder holds another teacher's cache and the policy
         *     is {@link MismatchPolicy#REFUSE}
         * @throws IllegalStateException if the fingerprint, labels or directory is missing
         */
        public LogitCacheAppender open() throws IOException {
            checkState(fingerprint != null, "a logit cache appender needs a teacher fingerprint");
            checkState(labels != null, "a logit cache appender needs the teacher's labels");
            checkState(directory != null, "a logit cache appender needs a directory");
            return new LogitCacheAppender(this);
        }
    }
}

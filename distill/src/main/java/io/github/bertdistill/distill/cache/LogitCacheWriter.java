package io.github.bertdistill.distill.cache;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.base.Ticker;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.model.BucketedInference;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.core.model.TextClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Runs a teacher once over a data set or transfer set and stores its logits in a cache folder,
 * keyed by example id and {@link TextHash text hash} and stamped with a {@link TeacherFingerprint}.
 *
 * <p><b>Streaming.</b> Examples are read from an {@link Iterable}; at most one window of examples
 * and logits is held in memory. Only the ids and text hashes already written are kept (roughly 150
 * bytes per example).
 *
 * <p><b>Length-bucketed batches.</b> The examples to label are taken {@code windowSize} at a time
 * (default 4,096), and each window goes to a {@link BucketedInference}: a teacher that is a {@link
 * EncodingClassifier} sees it sorted by token count and cut into batches of at most {@code
 * batchSize} texts (and at most {@code tokenBudget} padded tokens), each padded only to its own
 * longest text; any other teacher gets it in order, {@code batchSize} at a time. The larger the
 * window, the closer the lengths within a batch.
 *
 * <p><b>Chunks and resuming.</b> As the window's batches finish, their records are written out as
 * soon as at least {@code chunkSize} of them are waiting (default 512), and at the window's end:
 * each chunk file atomically, then the manifest listing the completed chunks, also atomically. A
 * chunk's records are in the examples' order. If a run is interrupted, the next run with the same
 * teacher keeps the completed chunks and labels only the examples whose {@code (id, text hash)} is
 * not yet cached: a stop loses at most the {@code chunkSize} records not yet written and the batch
 * in flight. An example whose text changed is labelled again and its new record supersedes the old
 * one.
 *
 * <p><b>Stamp.</b> An existing cache written by a teacher with another fingerprint or label set is
 * refused with a {@link CacheMismatchException} naming both fingerprints and the folder, or, with
 * {@link MismatchPolicy#RECOMPUTE}, wiped and labelled again. Cached logits are never used across
 * teachers.
 *
 * <p><b>Teacher features in the same pass.</b> With {@link Builder#optFeatureDirectory} the writer
 * also fills a {@link TeacherFeatureCache} (the teacher's pooled vector of every text, for
 * representation distillation) from the same forward passes ({@link
 * FeatureClassifier#logitsAndFeatures}): a text is run through the teacher if either cache lacks
 * it, and each cache gets only what it lacks, so the two resume independently and a complete logit
 * cache costs nothing but the passes the features need.
 *
 * <p><b>Progress</b> is logged through SLF4J by a {@link ProgressReporter} (count, rate, ETA; the
 * total is known when the examples are a {@link TextDataset} or a {@link Collection}).
 */
public final class LogitCacheWriter {
    private final TextClassifier teacher;
    private final BucketedInference inference;
    private final TeacherFingerprint fingerprint;
    private final CacheFolder folder;
    private final Optional<FeatureOutput> featureOutput;
    private final int chunkSize;
    private final int windowSize;
    private final MismatchPolicy mismatchPolicy;
    private final Duration progressInterval;
    private final String progressName;

    /**
     * What a labelling run did.
     *
     * @param reused examples every cache held already
     * @param labelled examples the teacher ran on now
     */
    public record Summary(long reused, long labelled) {}

    /** Where the teacher's vectors go, and the teacher seen as rows of logits then vectors. */
    private record FeatureOutput(CacheFolder folder, LogitsThenFeatures rows) {}

    private LogitCacheWriter(Builder builder) {
        this.teacher = builder.teacher;
        this.featureOutput =
                Optional.ofNullable(builder.featureDirectory)
                        .map(
                                directory ->
                                        new FeatureOutput(
                                                new CacheFolder(directory),
                                                new LogitsThenFeatures(
                                                        (FeatureClassifier) builder.teacher)));
        this.inference =
                new BucketedInference(
                        featureOutput
                                .<TextClassifier>map(FeatureOutput::rows)
                                .orElse(builder.teacher),
                        builder.batchSize,
                        builder.tokenBudget);
        this.fingerprint = builder.fingerprint;
        this.folder = new CacheFolder(builder.directory);
        this.chunkSize = builder.chunkSize;
        this.windowSize = Math.max(builder.windowSize, builder.chunkSize);
        this.mismatchPolicy = builder.mismatchPolicy;
        this.progressInterval = builder.progressInterval;
        this.progressName = builder.progressName;
    }

    /** A builder; teacher, fingerprint and directory are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes sure every example has cached logits, running the teacher on those that do not.
     *
     * @return how many examples were reused from the cache and how many were labelled now
     * @throws CacheMismatchException if the folder holds another teacher's cache and the policy is
     *     {@link MismatchPolicy#REFUSE}
     * @throws IllegalArgumentException if two examples share an id
     * @throws IOException if the cache cannot be read or written; completed chunks are kept
     */
    public Summary write(Iterable<TextExample> examples) throws IOException {
        List<Target> targets = new ArrayList<>();
        targets.add(
                Target.open(
                        folder,
                        fingerprint,
                        teacher.labels().names(),
                        featureOutput
                                .<UnaryOperator<float[]>>map(output -> output.rows()::logits)
                                .orElse(row -> row),
                        mismatchPolicy));
        if (featureOutput.isPresent()) {
            LogitsThenFeatures rows = featureOutput.get().rows();
            targets.add(
                    Target.open(
                            featureOutput.get().folder(),
                            TeacherFeatureCache.fingerprint(fingerprint),
                            TeacherFeatureCache.dimensions(rows.featureSize()),
                            rows::features,
                            mismatchPolicy));
        }
        ProgressReporter progress =
                new ProgressReporter(
                        progressName,
                        "examples",
                        sizeOf(examples),
                        progressInterval,
                        Ticker.systemTicker());
        Run run = new Run(targets, progress);
        Set<String> seen = new HashSet<>();
        long reused = 0;
        for (TextExample example : examples) {
            checkArgument(
                    seen.add(example.id()), "the example id '%s' appears twice", example.id());
            long hash = TextHash.of(example.text());
            boolean[] lacking = new boolean[targets.size()];
            boolean any = false;
            for (int t = 0; t < lacking.length; t++) {
                lacking[t] = targets.get(t).lacks(example.id(), hash);
                any |= lacking[t];
            }
            if (any) {
                run.add(new Pending(example, hash, lacking));
            } else {
                reused++;
                progress.skip(1);
            }
        }
        run.finish();
        progress.finish();
        return new Summary(reused, run.labelled);
    }

    private static long sizeOf(Iterable<TextExample> examples) {
        if (examples instanceof TextDataset dataset) {
            return dataset.size();
        }
        return examples instanceof Collection<?> collection ? collection.size() : -1;
    }

    /** An example to run through the teacher; {@code lacking[t]}: target {@code t} lacks it. */
    private record Pending(TextExample example, long textHash, boolean[] lacking) {}

    /**
     * One cache the run fills: where its chunks go, the examples it held when opened, and which
     * values of a row of the teacher's output are its.
     */
    private record Target(ChunkSink sink, Map<String, Long> cached, UnaryOperator<float[]> values) {
        static Target open(
                CacheFolder folder,
                TeacherFingerprint fingerprint,
                List<String> labels,
                UnaryOperator<float[]> values,
                MismatchPolicy policy)
                throws IOException {
            CacheManifest manifest = folder.start(fingerprint, labels, policy);
            return new Target(
                    new ChunkSink(folder, manifest), folder.cachedHashes(manifest), values);
        }

        boolean lacks(String id, long textHash) {
            Long cachedHash = cached.get(id);
            return cachedHash == null || cachedHash != textHash;
        }

        CachedLogits record(Pending pending, float[] row) {
            float[] own = values.apply(row);
            checkState(
                    own.length == sink.numClasses(),
                    "the teacher returned %s values per text for a cache of %s",
                    own.length,
                    sink.numClasses());
            return new CachedLogits(pending.example().id(), pending.textHash(), own);
        }
    }

    /**
     * The mutable state of one labelling run: the window of examples to label, and per cache the
     * records labelled but not yet written.
     */
    private final class Run {
        private final List<Target> targets;
        private final ProgressReporter progress;
        private final List<Pending> window = new ArrayList<>();
        private final List<Labelled> waiting = new ArrayList<>();
        private long labelled;

        Run(List<Target> targets, ProgressReporter progress) {
            this.targets = targets;
            this.progress = progress;
        }

        void add(Pending pending) throws IOException {
            window.add(pending);
            if (window.size() == windowSize) {
                labelWindow();
            }
        }

        void finish() throws IOException {
            if (!window.isEmpty()) {
                labelWindow();
            }
        }

        private void labelWindow() throws IOException {
            List<String> texts = window.stream().map(p -> p.example().text()).toList();
            try {
                inference.logits(texts, this::batchDone);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writeWaiting();
            window.clear();
        }

        private void batchDone(int[] positions, float[][] rows) {
            progress.advance(positions.length);
            for (int k = 0; k < positions.length; k++) {
                waiting.add(new Labelled(positions[k], rows[k]));
            }
            labelled += positions.length;
            if (waiting.size() >= chunkSize) {
                try {
                    writeWaiting();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /** Writes the waiting records, in the examples' order, as one chunk of each cache. */
        private void writeWaiting() throws IOException {
            waiting.sort(Comparator.comparingInt(Labelled::position));
            for (int t = 0; t < targets.size(); t++) {
                Target target = targets.get(t);
                List<CachedLogits> records = new ArrayList<>(waiting.size());
                for (Labelled done : waiting) {
                    Pending pending = window.get(done.position());
                    if (pending.lacking()[t]) {
                        records.add(target.record(pending, done.row()));
                    }
                }
                if (!records.isEmpty()) {
                    target.sink().append(records);
                }
            }
            waiting.clear();
        }
    }

    /** A labelled example of the window: its position there and the teacher's row. */
    private record Labelled(int position, float[] row) {}

    /** Settings of a {@link LogitCacheWriter}. */
    public static final class Builder {
        private TextClassifier teacher;
        private TeacherFingerprint fingerprint;
        private Path directory;
        private int batchSize = 32;
        private long tokenBudget = Long.MAX_VALUE;
        private int chunkSize = 512;
        private int windowSize = 4096;
        private MismatchPolicy mismatchPolicy = MismatchPolicy.REFUSE;
        private Duration progressInterval = Duration.ofSeconds(10);
        private String progressName = "teacher logits";
        private Path featureDirectory;

        private Builder() {}

        /** The teacher, used in inference mode only. */
        public Builder setTeacher(TextClassifier teacher) {
            this.teacher = Objects.requireNonNull(teacher, "teacher");
            return this;
        }

        /** The teacher's fingerprint, stamped on the cache and checked when it is reused. */
        public Builder setFingerprint(TeacherFingerprint fingerprint) {
            this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        /** The cache folder, created if needed. */
        public Builder setDirectory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Texts per teacher call (default 32). */
        public Builder optBatchSize(int batchSize) {
            checkArgument(batchSize > 0, "batch size must be positive, got %s", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /**
         * The most padded tokens per teacher call (texts × longest text; default no limit), for a
         * teacher that is a {@link EncodingClassifier}: short texts fill whole batches, long ones
         * come in smaller batches.
         */
        public Builder optTokenBudget(long tokenBudget) {
            checkArgument(tokenBudget > 0, "token budget must be positive, got %s", tokenBudget);
            this.tokenBudget = tokenBudget;
            return this;
        }

        /**
         * Records per chunk file, the unit of resuming: labelled records are written once at least
         * this many are waiting (a chunk may hold up to a batch more), and at each window's end. A
         * stop loses at most this many labelled texts and the batch in flight (default 512).
         */
        public Builder optChunkSize(int chunkSize) {
            checkArgument(chunkSize > 0, "chunk size must be positive, got %s", chunkSize);
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * Texts sorted by length together and cut into batches (default 4096; at least the chunk
         * size): the larger, the less padding per batch, and the more texts held in memory.
         */
        public Builder optWindowSize(int windowSize) {
            checkArgument(windowSize > 0, "window size must be positive, got %s", windowSize);
            this.windowSize = windowSize;
            return this;
        }

        /** What to do with another teacher's cache (default {@link MismatchPolicy#REFUSE}). */
        public Builder optMismatchPolicy(MismatchPolicy policy) {
            this.mismatchPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The least time between two progress lines (default 10 s). */
        public Builder optProgressInterval(Duration interval) {
            this.progressInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** What the progress lines call the rows written (default "teacher logits"). */
        public Builder optProgressName(String name) {
            this.progressName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Also writes the teacher's feature vectors, from the same forward passes, into a {@link
         * TeacherFeatureCache} in {@code directory} (created if needed; another teacher's is
         * handled by the mismatch policy, like the logit cache). The teacher must be a {@link
         * FeatureClassifier} with features.
         */
        public Builder optFeatureDirectory(Path directory) {
            this.featureDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * The writer.
         *
         * @throws IllegalStateException if the teacher, fingerprint or directory is missing
         * @throws IllegalArgumentException if features are asked of a teacher that gives none
         */
        public LogitCacheWriter build() {
            checkState(teacher != null, "a logit cache writer needs a teacher");
            checkState(fingerprint != null, "a logit cache writer needs a teacher fingerprint");
            checkState(directory != null, "a logit cache writer needs a directory");
            checkArgument(
                    featureDirectory == null || teacher instanceof FeatureClassifier,
                    "the teacher gives no feature vectors, so its features cannot be matched;"
                            + " set featureWeight to 0");
            checkArgument(
                    featureDirectory == null || !featureDirectory.equals(directory),
                    "the logits and the features need two folders, got %s twice",
                    directory);
            return new LogitCacheWriter(this);
        }
    }
}

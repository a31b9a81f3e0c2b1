package io.github.bertdistill.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.github.bertdistill.core.model.BucketedInference;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.distill.cache.LogitCacheAppender;
import io.github.bertdistill.distill.cache.LogitCacheWriter;
import io.github.bertdistill.distill.cache.LogitsThenFeatures;
import io.github.bertdistill.distill.cache.TeacherFeatureCache;
import io.github.bertdistill.distill.cache.TeacherFingerprint;
import io.github.bertdistill.distill.cache.TextHash;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import io.github.bertdistill.examples.pipeline.SoftTargetRuntime;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distributed teacher labelling: the teacher's logits for a corpus and its augmented copies,
 * computed on the executors and written by the driver into a teacher-logit cache folder in the
 * project's chunk format, so that {@code bert-distill label}, {@code distill}, {@code train} and
 * {@code run} use it as their own.
 *
 * <p><b>Driver first.</b> The teacher folder is loaded and fingerprinted on the driver before any
 * task runs: a missing, damaged or unknown model folder fails the job at once with {@code
 * bert-distill}'s message, and so does an output folder holding another teacher's cache.
 *
 * <p><b>Runtime.</b> The teacher labels on the runtime the recipe's {@code engine.labelWith} names,
 * as the label stage does ({@link SoftTargetRuntime}: by default ONNX Runtime on the CPU, on the
 * teacher's ONNX graph, compared once on the driver with the PyTorch forward), and the cache's
 * fingerprint says which, so a cache written here and one written by {@code bert-distill label} are
 * the same.
 *
 * <p><b>Executors.</b> Each executor JVM loads the teacher once ({@link ExecutorModels}; the folder
 * is read from a path every machine sees, or shipped with the job) and checks that its files are
 * the driver's. The texts of a partition are labelled in windows of {@code chunkSize} texts, each
 * sorted into length-bucketed batches ({@link BucketedInference}, as the single-process writer
 * does).
 *
 * <p><b>Commit.</b> The records are kept by Spark until every task has succeeded; only then does
 * the driver stream them into the cache ({@link LogitCacheAppender}: chunks written atomically,
 * listed in the manifest only once complete). A failed task attempt is retried by Spark and its
 * partial output is never seen; an id that occurred twice would be refused. The cache folder is
 * therefore a path of the driver's machine (or a shared file system).
 *
 * <p><b>Teacher features.</b> With {@link Builder#optFeatureDirectory} (for recipes with {@code
 * student.distillMethod.featureWeight > 0}) the executors also return the teacher's pooled vector
 * of every text, from the same forward passes ({@link LogitsThenFeatures}), and the driver writes
 * them into a {@link TeacherFeatureCache} beside the logits, as the {@code label} stage does. A
 * text is labelled if either cache lacks it; each cache stores only what it lacks.
 *
 * <p><b>Re-runs resume.</b> Over a folder holding this teacher's cache, only the texts whose {@code
 * (id, text hash)} is not cached are sent to the executors (the cached ids are broadcast), so no
 * record is ever stored twice.
 */
public final class LabelJob {
    private static final Logger LOG = LoggerFactory.getLogger(LabelJob.class);
    private static final int CHECKED_TEXTS = 32;

    private final SparkSession spark;
    private final Path teacherFolder;
    private final Corpus corpus;
    private final Recipe recipe;
    private final Path output;
    private final Path featureOutput;
    private final int partitions;
    private final int batchSize;
    private final int chunkSize;
    private final int failFirstAttemptOf;

    private LabelJob(Builder builder) {
        this.spark = builder.spark;
        this.teacherFolder = builder.teacher;
        this.corpus = builder.corpus;
        this.recipe = builder.recipe;
        this.output = builder.output;
        this.featureOutput = builder.featureOutput;
        this.partitions =
                builder.partitions > 0
                        ? builder.partitions
                        : 4 * spark.sparkContext().defaultParallelism();
        this.batchSize = builder.batchSize;
        this.chunkSize = builder.chunkSize;
        this.failFirstAttemptOf = builder.failFirstAttemptOf;
    }

    /** A builder; the session, teacher, corpus, recipe and output are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Labels every text of the corpus and its copies that the cache does not hold yet.
     *
     * @return the records reused and written
     * @throws io.github.bertdistill.examples.pipeline.ModelFolderException if the teacher folder is
     *     damaged or no model folder, before any task runs
     * @throws io.github.bertdistill.distill.cache.CacheMismatchException if the output holds
     *     another teacher's cache, before any task runs
     * @throws IOException if the corpus or the cache cannot be read or written
     */
    public LogitCacheWriter.Summary run() throws IOException {
        LogitCacheAppender appender;
        Optional<LogitCacheAppender> featureAppender = Optional.empty();
        Augmentation augmentation;
        JavaRDD<CorpusText> texts = corpus.read(spark, partitions);
        boolean onnx;
        try (EncodingClassifier teacher = ModelFolders.load(teacherFolder)) {
            SoftTargetRuntime runtime = SoftTargetRuntime.of(teacher, recipe.engine.labelWith);
            TeacherFingerprint fingerprint =
                    runtime.cacheFingerprint(ModelFolders.fingerprint(teacherFolder, teacher));
            int featureSize = featureOutput == null ? 0 : featureSize(teacher);
            appender =
                    LogitCacheAppender.builder()
                            .setFingerprint(fingerprint)
                            .setLabels(teacher.labels().names())
                            .setDirectory(output)
                            .optChunkSize(chunkSize)
                            .open();
            if (featureOutput != null) {
                featureAppender =
                        Optional.of(
                                TeacherFeatureCache.appender(
                                                featureOutput, fingerprint, featureSize)
                                        .optChunkSize(chunkSize)
                                        .open());
            }
            augmentation = Augmentation.of(recipe, texts, teacher, teacherFolder);
            onnx = runtime.onOnnxRuntime();
            if (onnx) {
                // The label stage's check, once, on the driver: the graph every executor builds
                // from the same files gives the PyTorch forward's logits.
                List<String> sample =
                        texts.take(CHECKED_TEXTS).stream().map(CorpusText::text).toList();
                runtime.labeller(teacher, sample).close();
            }
        } catch (Exception e) {
            throw SparkFailures.unwrap(e);
        }
        JavaRDD<CorpusText> all = withCopies(texts, augmentation);
        JavaRDD<LogitRow> rows =
                label(
                                all,
                                complete(appender, featureAppender),
                                ExecutorModels.identity(teacherFolder),
                                onnx)
                        .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            long computed = rows.count();
            LOG.info("label: {} texts labelled on the executors; writing {}", computed, output);
            for (Iterator<LogitRow> it = rows.toLocalIterator(); it.hasNext(); ) {
                LogitRow row = it.next();
                appender.add(row.logitsRecord());
                if (featureAppender.isPresent()) {
                    featureAppender.get().add(row.featuresRecord());
                }
            }
            // Texts every cache held never reached the executors: counted, not labelled.
            long skipped = all.count() - computed;
            if (featureAppender.isPresent()) {
                LogitCacheWriter.Summary features = featureAppender.get().finish();
                LOG.info(
                        "label: {} feature vectors written into {} ({} were there)",
                        features.labelled(),
                        featureOutput,
                        features.reused() + skipped);
            }
            LogitCacheWriter.Summary logits = appender.finish();
            return new LogitCacheWriter.Summary(logits.reused() + skipped, logits.labelled());
        } catch (Exception e) {
            throw SparkFailures.unwrap(e);
        } finally {
            rows.unpersist(false);
        }
    }

    /** The width of the teacher's features, checked on the driver before any task. */
    private int featureSize(EncodingClassifier teacher) {
        int size =
                teacher instanceof FeatureClassifier withFeatures ? withFeatures.featureSize() : 0;
        if (size == 0) {
            throw new IllegalArgumentException(
                    "the teacher in "
                            + teacherFolder
                            + " gives no feature vectors, so there are none to write into "
                            + featureOutput);
        }
        return size;
    }

    /** The texts no cache lacks: id and text hash. */
    private static Map<String, Long> complete(
            LogitCacheAppender logits, Optional<LogitCacheAppender> features) {
        if (features.isEmpty()) {
            return logits.cached();
        }
        Map<String, Long> both = new HashMap<>();
        Map<String, Long> vectors = features.get().cached();
        logits.cached()
                .forEach(
                        (id, hash) -> {
                            if (hash.equals(vectors.get(id))) {
                                both.put(id, hash);
                            }
                        });
        return both;
    }

    /** The corpus's texts, each followed by its augmented copies. */
    private JavaRDD<CorpusText> withCopies(JavaRDD<CorpusText> texts, Augmentation augmentation) {
        Broadcast<Augmentation> augmentations =
                JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(augmentation);
        return texts.flatMap(text -> augmentations.value().withCopies(text).iterator());
    }

    private JavaRDD<LogitRow> label(
            JavaRDD<CorpusText> all, Map<String, Long> cached, String identity, boolean onnx) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<HashMap<String, Long>> done = context.broadcast(new HashMap<>(cached));
        String folder = teacherFolder.toString();
        int batch = batchSize;
        int window = chunkSize;
        int failing = failFirstAttemptOf;
        boolean features = featureOutput != null;
        return all.filter(
                        text -> {
                            Long hash = done.value().get(text.id());
                            return hash == null || hash != TextHash.of(text.text());
                        })
                .mapPartitionsWithIndex(
                        (partition, partitionTexts) ->
                                labelPartition(
                                        partitionTexts,
                                        ExecutorModels.labeller(folder, identity, onnx),
                                        features,
                                        batch,
                                        window,
                                        partition == failing
                                                && TaskContext.get().attemptNumber() == 0),
                        true);
    }

    /**
     * The logits (and with {@code features} the feature vectors) of a partition's texts, window by
     * window; with {@code fail}, the task throws after its first window (a fault injected by
     * tests).
     */
    private static Iterator<LogitRow> labelPartition(
            Iterator<CorpusText> texts,
            EncodingClassifier teacher,
            boolean features,
            int batchSize,
            int window,
            boolean fail) {
        Optional<LogitsThenFeatures> split =
                features
                        ? Optional.of(new LogitsThenFeatures((FeatureClassifier) teacher))
                        : Optional.empty();
        return PartitionLogits.map(
                texts,
                split.<EncodingClassifier>map(r -> r).orElse(teacher),
                batchSize,
                window,
                computed -> {
                    if (fail) {
                        throw new IllegalStateException("injected failure of a first task attempt");
                    }
                    List<LogitRow> rows = new ArrayList<>(computed.texts().size());
                    for (int i = 0; i < computed.logits().length; i++) {
                        CorpusText text = computed.texts().get(i);
                        float[] row = computed.logits()[i];
                        rows.add(
                                new LogitRow(
                                        text.id(),
                                        TextHash.of(text.text()),
                                        split.map(s -> s.logits(row)).orElse(row),
                                        split.map(s -> s.features(row)).orElse(null)));
                    }
                    return rows;
                });
    }

    /** Settings of a {@link LabelJob}. */
    public static final class Builder {
        private SparkSession spark;
        private Path teacher;
        private Corpus corpus;
        private Recipe recipe;
        private Path output;
        private Path featureOutput;
        private int partitions;
        private int batchSize = 32;
        private int chunkSize = 4096;
        private int failFirstAttemptOf = -1;

        private Builder() {}

        /** The Spark session the job runs in. */
        public Builder setSpark(SparkSession spark) {
            this.spark = Objects.requireNonNull(spark, "spark");
            return this;
        }

        /**
         * The teacher's model folder, at a path the driver and every executor can read: a shared
         * path, or a relative one that names the same folder in the driver's working directory and
         * in every executor's (where spark-submit's {@code --archives model.zip#model} unpacks it).
         */
        public Builder setTeacher(Path teacher) {
            this.teacher = Objects.requireNonNull(teacher, "teacher");
            return this;
        }

        /** The texts to label. */
        public Builder setCorpus(Corpus corpus) {
            this.corpus = Objects.requireNonNull(corpus, "corpus");
            return this;
        }

        /** The recipe whose {@code augmentation} and {@code seed} make the texts' copies. */
        public Builder setRecipe(Recipe recipe) {
            this.recipe = Objects.requireNonNull(recipe, "recipe");
            return this;
        }

        /** The teacher-logit cache folder, on the driver's machine; created if needed. */
        public Builder setOutput(Path output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * Also writes the teacher's feature vectors, from the same forward passes, into a {@link
         * TeacherFeatureCache} in {@code directory} on the driver's machine (a run folder's {@code
         * features/}); the teacher must give features.
         */
        public Builder optFeatureDirectory(Path directory) {
            this.featureOutput = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Partitions of the texts (default 4 × Spark's default parallelism). */
        public Builder optPartitions(int partitions) {
            checkArgument(partitions > 0, "partitions must be positive, got %s", partitions);
            this.partitions = partitions;
            return this;
        }

        /** Texts per teacher call (default 32). */
        public Builder optBatchSize(int batchSize) {
            checkArgument(batchSize > 0, "batch size must be positive, got %s", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Texts per window sorted into length-bucketed batches, and records per chunk file of the
         * cache (default 4096).
         */
        public Builder optChunkSize(int chunkSize) {
            checkArgument(chunkSize > 0, "chunk size must be positive, got %s", chunkSize);
            this.chunkSize = chunkSize;
            return this;
        }

        /** For tests: the first attempt of the task of {@code partition} fails. */
        Builder failFirstAttemptOf(int partition) {
            this.failFirstAttemptOf = partition;
            return this;
        }

        /**
         * The job.
         *
         * @throws IllegalStateException if a required setting is missing
         */
        public LabelJob build() {
            checkState(spark != null, "a label job needs a Spark session");
            checkState(teacher != null, "a label job needs a teacher folder");
            checkState(corpus != null, "a label job needs a corpus");
            checkState(recipe != null, "a label job needs a recipe");
            checkState(output != null, "a label job needs an output folder");
            checkArgument(
                    !output.equals(featureOutput),
                    "the logits and the features need two folders, got %s twice",
                    output);
            return new LabelJob(this);
        }
    }
}

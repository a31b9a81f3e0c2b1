package io.github.bertdistill.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.BucketedInference;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Distributed scoring: a model folder (a distilled student, a teacher, an export) applied to a
 * corpus, one row per text with its id, the predicted label and the probability of every label, as
 * {@code bert-distill predict} answers it, written as Parquet or JSON Lines to any Hadoop file
 * system.
 *
 * <p>The folder is loaded on the driver first, so a damaged one fails the job before any task; each
 * executor JVM loads it once ({@link ExecutorModels}) and classifies its partitions in windows of
 * length-bucketed batches ({@link BucketedInference}). The output is committed by Spark's file
 * committer: part files appear under the output path only when the whole job succeeds (a {@code
 * _SUCCESS} marker beside them), and an existing output is refused, never added to.
 */
public final class ScoreJob {
    /** The written formats. */
    public enum Format {
        /** Parquet files: {@code id string, label string, probabilities map<string, float>}. */
        PARQUET,
        /** JSON Lines: {@code {"id":…,"label":…,"probabilities":{"great":0.9,"other":0.1}}}. */
        JSONL
    }

    private static final StructType SCHEMA =
            new StructType()
                    .add("id", DataTypes.StringType, false)
                    .add("label", DataTypes.StringType, false)
                    .add(
                            "probabilities",
                            DataTypes.createMapType(DataTypes.StringType, DataTypes.FloatType),
                            false);

    private final SparkSession spark;
    private final Path modelFolder;
    private final Corpus corpus;
    private final String output;
    private final Format format;
    private final int partitions;
    private final int batchSize;
    private final int window;

    private ScoreJob(Builder builder) {
        this.spark = builder.spark;
        this.modelFolder = builder.model;
        this.corpus = builder.corpus;
        this.output = builder.output;
        this.format = builder.format;
        this.partitions =
                builder.partitions > 0
                        ? builder.partitions
                        : 4 * spark.sparkContext().defaultParallelism();
        this.batchSize = builder.batchSize;
        this.window = builder.window;
    }

    /** A builder; the session, model, corpus and output are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scores the corpus.
     *
     * @return the number of rows written
     * @throws io.github.bertdistill.examples.pipeline.ModelFolderException if the model folder is
     *     damaged or no model folder, before any task runs
     * @throws IllegalArgumentException if the output exists, before any task runs
     * @throws IOException if the corpus cannot be read or the output written
     */
    public long run() throws IOException {
        ModelFolders.load(modelFolder).close();
        String identity = ExecutorModels.identity(modelFolder);
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(output);
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(target)) {
            throw new IllegalArgumentException(
                    "the scoring output "
                            + output
                            + " exists already: give another output path, or delete it to score"
                            + " again");
        }
        String folder = modelFolder.toString();
        int batch = batchSize;
        int size = window;
        JavaRDD<Row> rows =
                corpus.read(spark, partitions)
                        .mapPartitions(
                                texts ->
                                        score(
                                                texts,
                                                ExecutorModels.get(folder, identity),
                                                batch,
                                                size));
        Dataset<Row> scored = spark.createDataFrame(rows, SCHEMA);
        try {
            var writer = scored.write().mode(SaveMode.ErrorIfExists);
            if (format == Format.PARQUET) {
                writer.parquet(output);
            } else {
                writer.json(output);
            }
            return spark.read().schema(SCHEMA).format(formatName()).load(output).count();
        } catch (Exception e) {
            throw SparkFailures.unwrap(e);
        }
    }

    private String formatName() {
        return format == Format.PARQUET ? "parquet" : "json";
    }

    private static Iterator<Row> score(
            Iterator<CorpusText> texts, EncodingClassifier model, int batchSize, int window) {
        LabelSet labels = model.labels();
        return PartitionLogits.map(
                texts, model, batchSize, window, computed -> rows(computed, labels));
    }

    private static List<Row> rows(PartitionLogits.Window computed, LabelSet labels) {
        List<Row> rows = new ArrayList<>(computed.texts().size());
        for (int i = 0; i < computed.logits().length; i++) {
            Prediction prediction = Prediction.fromLogits(computed.logits()[i], labels);
            Map<String, Float> probabilities = new LinkedHashMap<>();
            float[] values = prediction.probabilities();
            for (int c = 0; c < values.length; c++) {
                probabilities.put(labels.name(c), values[c]);
            }
            rows.add(
                    RowFactory.create(
                            computed.texts().get(i).id(),
                            prediction.label(),
                            CollectionConverters.asScala(probabilities)));
        }
        return rows;
    }

    /** Settings of a {@link ScoreJob}. */
    public static final class Builder {
        private SparkSession spark;
        private Path model;
        private Corpus corpus;
        private String output;
        private Format format = Format.PARQUET;
        private int partitions;
        private int batchSize = 32;
        private int window = 4096;

        private Builder() {}

        /** The Spark session the job runs in. */
        public Builder setSpark(SparkSession spark) {
            this.spark = Objects.requireNonNull(spark, "spark");
            return this;
        }

        /**
         * The model folder, at a path the driver and every executor can read: a shared path, or a
         * relative one that names the same folder in the driver's working directory and in every
         * executor's (where spark-submit's {@code --archives model.zip#model} unpacks it).
         */
        public Builder setModel(Path model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The texts to score. */
        public Builder setCorpus(Corpus corpus) {
            this.corpus = Objects.requireNonNull(corpus, "corpus");
            return this;
        }

        /** Where to write (a Hadoop path or URI that does not exist yet). */
        public Builder setOutput(String output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** Parquet (the default) or JSON Lines. */
        public Builder optFormat(Format format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Partitions of the texts (default 4 × Spark's default parallelism). */
        public Builder optPartitions(int partitions) {
            checkArgument(partitions > 0, "partitions must be positive, got %s", partitions);
            this.partitions = partitions;
            return this;
        }

        /** Texts per model call (default 32). */
        public Builder optBatchSize(int batchSize) {
            checkArgument(batchSize > 0, "batch size must be positive, got %s", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Texts sorted together into length-bucketed batches (default 4096). */
        public Builder optWindow(int window) {
            checkArgument(window > 0, "window must be positive, got %s", window);
            this.window = window;
            return this;
        }

        /**
         * The job.
         *
         * @throws IllegalStateException if a required setting is missing
         */
        public ScoreJob build() {
            checkState(spark != null, "a score job needs a Spark session");
            checkState(model != null, "a score job needs a model folder");
            checkState(corpus != null, "a score job needs a corpus");
            checkState(output != null, "a score job needs an output path");
            return new ScoreJob(this);
        }
    }

    /** The format named {@code name} ({@code parquet} or {@code jsonl}, any case). */
    public static Format format(String name) {
        try {
            return Format.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown output format '" + name + "': use parquet or jsonl", e);
        }
    }
}

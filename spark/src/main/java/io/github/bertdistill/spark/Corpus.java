package io.github.bertdistill.spark;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.examples.pipeline.RunData;
import io.github.bertdistill.examples.recipe.DataFormat;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Where a job's texts come from: files or folders on any Hadoop file system (a local path, {@code
 * hdfs://}, {@code s3a://}, …, globs allowed) in one of the command line's data formats, or
 * Parquet.
 *
 * <p><b>The command line's formats</b> ({@code text}, {@code lines}, {@code tsv}, {@code csv},
 * {@code jsonl}) are read by the same readers as {@code bert-distill} ({@link RunData#reader}), one
 * whole file per task, so rows, errors (file, line, field) and ids are the same: an id is the row's
 * {@code file name:line} as the readers make it. A corpus is therefore best split into many files;
 * the texts are spread over the job's partitions afterwards. <b>Parquet</b> is read by Spark; the
 * ids come from a column.
 *
 * <p>Every id gets {@link #idPrefix()}: {@code unlabelled/} by default, the prefix {@code
 * bert-distill} gives the texts of a recipe's {@code data.unlabelled}, so that the labelled corpus
 * is that transfer set's.
 *
 * @param location the files (a Hadoop path or URI, globs allowed)
 * @param format {@code parquet}, or a {@link DataFormat} name
 * @param textColumn the text column or field
 * @param idColumn the id column, for Parquet only (null for the other formats)
 * @param charset the files' encoding (not for Parquet)
 * @param idPrefix put before every id
 */
public record Corpus(
        String location,
        String format,
        String textColumn,
        String idColumn,
        String charset,
        String idPrefix)
        implements Serializable {
    /** The format read by Spark itself. */
    public static final String PARQUET = "parquet";

    /** The id prefix of {@code bert-distill}'s unlabelled texts. */
    public static final String UNLABELLED_PREFIX = "unlabelled/";

    /** Checks the fields that do not depend on the files. */
    public Corpus {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(textColumn, "textColumn");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(idPrefix, "idPrefix");
        checkArgument(
                PARQUET.equals(format) || idColumn == null,
                "an id column is only read from Parquet; the other formats have their own ids");
        checkArgument(!PARQUET.equals(format) || idColumn != null, "Parquet needs an id column");
        if (!PARQUET.equals(format)) {
            dataFormat(format);
        }
    }

    /**
     * The corpus of a recipe's unlabelled text: its {@code data.unlabelledFormat}, text column and
     * charset, the ids {@code bert-distill} gives them.
     */
    public static Corpus ofRecipe(Recipe recipe, String location) {
        Recipe.Data data = recipe.data;
        return new Corpus(
                location,
                data.unlabelledFormat().name().toLowerCase(java.util.Locale.ROOT),
                data.textColumn,
                null,
                data.charset,
                UNLABELLED_PREFIX);
    }

    /** The texts, spread over {@code partitions} partitions. */
    public JavaRDD<CorpusText> read(SparkSession spark, int partitions) {
        checkArgument(partitions > 0, "partitions must be positive, got %s", partitions);
        if (PARQUET.equals(format)) {
            String prefix = idPrefix;
            String text = textColumn;
            return spark.read()
                    .parquet(location)
                    .select(idColumn, textColumn)
                    .javaRDD()
                    .map(
                            row -> {
                                if (row.isNullAt(0) || row.isNullAt(1)) {
                                    throw new IllegalArgumentException(
                                            "a Parquet row of the corpus has no id or no '"
                                                    + text
                                                    + "'");
                                }
                                return new CorpusText(
                                        prefix + row.get(0).toString(), row.getString(1));
                            })
                    .repartition(partitions);
        }
        Corpus corpus = this;
        return JavaSparkContext.fromSparkContext(spark.sparkContext())
                .binaryFiles(location)
                .flatMap(file -> corpus.readFile(file).iterator())
                .repartition(partitions);
    }

    /** Reads one file with {@code bert-distill}'s reader for the format, from a local copy. */
    private List<CorpusText> readFile(Tuple2<String, PortableDataStream> file) throws IOException {
        String name =
                org.apache.hadoop.fs.Path.getPathWithoutSchemeAndAuthority(
                                new org.apache.hadoop.fs.Path(file._1()))
                        .getName();
        Path scratch = Files.createTempDirectory("bert-distill-corpus");
        try {
            Path copy = scratch.resolve(name);
            try (InputStream in = file._2().open()) {
                Files.copy(in, copy);
            }
            Recipe.Data spec = new Recipe.Data();
            spec.textColumn = textColumn;
            spec.charset = charset;
            List<CorpusText> texts = new ArrayList<>();
            Iterator<TextExample> examples =
                    RunData.reader(spec, dataFormat(format), false).readDataset(copy).iterator();
            while (examples.hasNext()) {
                TextExample example = examples.next();
                texts.add(new CorpusText(idPrefix + example.id(), example.text()));
            }
            return texts;
        } finally {
            MoreFiles.deleteRecursively(scratch, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    private static DataFormat dataFormat(String name) {
        for (DataFormat format : DataFormat.values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                "unknown corpus format '"
                        + name
                        + "': use text, lines, tsv, csv, jsonl or "
                        + PARQUET);
    }
}

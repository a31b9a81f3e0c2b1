package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.Split;
import io.github.bertdistill.core.data.Splits;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.io.DatasetReader;
import io.github.bertdistill.core.data.io.DelimitedReader;
import io.github.bertdistill.core.data.io.JsonLinesReader;
import io.github.bertdistill.core.data.io.LabelledLinesReader;
import io.github.bertdistill.core.data.io.ReadOptions;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The labelled data of a run: train, dev (a file, or a stratified share of train) and test, with
 * the label set inferred from train.
 *
 * @param train training examples (the teacher's fine-tuning set and the transfer set's core)
 * @param dev validation examples for early stopping
 * @param test held-out examples of the report
 * @param labels the classes, inferred from {@code train}
 */
public record RunData(TextDataset train, TextDataset dev, TextDataset test, LabelSet labels) {
    private static final String CLASSPATH = "classpath:";

    /**
     * Reads the data of {@code spec}; {@code classpath:} files are copied into {@code dataFolder}
     * first.
     */
    public static RunData read(Recipe.Data spec, long seed, Path dataFolder) throws IOException {
        TextDataset train = readFile(spec, spec.train, dataFolder);
        TextDataset test = readFile(spec, spec.test, dataFolder);
        TextDataset dev;
        if (spec.dev == null) {
            Split split = Splits.stratified(train, spec.devFraction, seed);
            train = split.train();
            dev = split.heldOut();
        } else {
            dev = readFile(spec, spec.dev, dataFolder);
        }
        LabelSet labels = train.inferLabelSet();
        dev.labelIndices(labels);
        test.labelIndices(labels);
        return new RunData(train, dev, test, labels);
    }

    /**
     * Reads one file named as in a recipe (a path, or {@code classpath:} for a file inside the jar,
     * which is copied into {@code dataFolder} first) with the format and columns of {@code spec}.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws io.github.bertdistill.core.data.io.DatasetFormatException naming the file, line and
     *     field of a bad row, or a column that does not exist
     */
    public static TextDataset readFile(Recipe.Data spec, String location, Path dataFolder)
            throws IOException {
        return reader(spec).readDataset(locate(location, dataFolder));
    }

    private static DatasetReader reader(Recipe.Data spec) {
        ReadOptions options =
                ReadOptions.builder().optCharset(Charset.forName(spec.charset)).build();
        switch (spec.format) {
            case "tsv":
                return DelimitedReader.tsv(spec.textColumn)
                        .optLabelColumn(spec.labelColumn)
                        .optReadOptions(options);
            case "csv":
                return DelimitedReader.csv(spec.textColumn)
                        .optLabelColumn(spec.labelColumn)
                        .optReadOptions(options);
            case "lines":
                return LabelledLinesReader.create().optReadOptions(options);
            case "jsonl":
                return JsonLinesReader.create()
                        .optTextField(spec.textColumn)
                        .optLabelField(spec.labelColumn)
                        .optReadOptions(options);
            default:
                throw new IllegalArgumentException(
                        "data.format '" + spec.format + "' is not one of tsv, csv, lines, jsonl");
        }
    }

    private static Path locate(String location, Path dataFolder) throws IOException {
        if (location == null) {
            throw new IllegalArgumentException("data.train and data.test must be set");
        }
        if (!location.startsWith(CLASSPATH)) {
            Path file = Path.of(location);
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(location, null, "data file not found");
            }
            return file;
        }
        String resource = location.substring(CLASSPATH.length());
        Path copy = dataFolder.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = RunData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new NoSuchFileException(location, null, "no such resource in the jar");
            }
            // Atomic: processes training the seeds of one run in parallel read it while others
            // copy it again.
            AtomicFiles.write(copy, in::transferTo);
        }
        return copy;
    }
}

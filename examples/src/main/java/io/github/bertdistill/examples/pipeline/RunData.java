package io.github.bertdistill.examples.pipeline;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.NearDuplicates;
import io.github.bertdistill.core.data.Split;
import io.github.bertdistill.core.data.Splits;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.data.io.DatasetReader;
import io.github.bertdistill.core.data.io.DelimitedReader;
import io.github.bertdistill.core.data.io.JsonLinesReader;
import io.github.bertdistill.core.data.io.LabelledLinesReader;
import io.github.bertdistill.core.data.io.ReadOptions;
import io.github.bertdistill.core.data.io.TextLinesReader;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.core.storage.InputLocation;
import io.github.bertdistill.examples.recipe.DataFormat;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labelled data of a run: train, dev (a file, or a stratified share of train) and test, with
 * the label set inferred from train. The recipe's unlabelled text is read only by the stage that
 * builds the transfer set ({@link #readUnlabelled}).
 *
 * @param train training examples (the teacher's fine-tuning set and the transfer set's core)
 * @param dev validation examples for early stopping
 * @param test held-out examples of the report
 * @param labels the classes, inferred from {@code train}
 */
public record RunData(TextDataset train, TextDataset dev, TextDataset test, LabelSet labels) {
    private static final Logger LOG = LoggerFactory.getLogger(RunData.class);
    private static final String UNLABELLED_ID_PREFIX = "unlabelled/";
    private static final String SOURCE_ID_PREFIX = "augmentation-source/";

    /**
     * Reads the data of {@code spec}; {@code classpath:} files are copied into {@code dataFolder}
     * first.
     */
    public static RunData read(Recipe.Data spec, long seed, Path dataFolder) throws IOException {
        TextDataset train = readNonEmpty(spec, "data.train", spec.train, dataFolder);
        LabelSet labels = labelsOfTrain(train, spec.train);
        TextDataset test = readNonEmpty(spec, "data.test", spec.test, dataFolder);
        TextDataset dev;
        if (spec.dev == null) {
            Split split = Splits.stratified(train, spec.devFraction, seed);
            train = split.train();
            dev = split.heldOut();
        } else {
            dev = readNonEmpty(spec, "data.dev", spec.dev, dataFolder);
        }
        requireKnownLabels("data.dev", spec.dev == null ? spec.train : spec.dev, dev, labels);
        requireKnownLabels("data.test", spec.test, test, labels);
        return new RunData(train, dev, test, labels);
    }

    /** The file of {@code key}, refused when it holds no example. */
    private static TextDataset readNonEmpty(
            Recipe.Data spec, String key, String location, Path dataFolder) throws IOException {
        TextDataset read = readFile(spec, location, dataFolder);
        if (read.size() == 0) {
            throw new IllegalArgumentException(key + ": " + location + " has no examples in it");
        }
        return read;
    }

    /**
     * The classes of the training set: at least two; a class with one example is logged, as it is
     * more often a stray value (a header repeated where two files were joined, a label with spaces
     * around it) than a class.
     */
    private static LabelSet labelsOfTrain(TextDataset train, String location) {
        LabelSet labels = train.inferLabelSet();
        if (labels.size() < 2) {
            throw new IllegalArgumentException(
                    "data.train: "
                            + location
                            + " has one label only, '"
                            + labels.names().get(0)
                            + "': a classifier needs examples of two or more");
        }
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (TextExample example : train) {
            example.label()
                    .ifPresent(
                            label ->
                                    ids.computeIfAbsent(label, k -> new ArrayList<>())
                                            .add(example.id()));
        }
        ids.forEach(
                (label, examples) -> {
                    if (examples.size() == 1) {
                        LOG.warn(
                                "data.train: label '{}' has one example only ({}): a stray value,"
                                        + " such as a repeated header or a label with spaces"
                                        + " around it?",
                                label,
                                examples.get(0));
                    }
                });
        return labels;
    }

    /** Refuses the first example of {@code data} whose label train does not have. */
    private static void requireKnownLabels(
            String key, String location, TextDataset data, LabelSet labels) {
        Optional<TextExample> unknown = data.firstLabelledOutside(labels);
        if (unknown.isPresent()) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s: %s: example '%s' has label '%s', which data.train does not have"
                                    + " (its labels: %s; labels are case-sensitive)",
                            key,
                            location,
                            unknown.get().id(),
                            unknown.get().label().orElseThrow(),
                            labels.names()));
        }
        data.labelIndices(labels); // and every example has a label
    }

    /**
     * The unlabelled in-domain text of {@code spec} for the transfer set, or an empty dataset. Ids
     * get the prefix {@code unlabelled/} (a line-based id such as {@code train.txt:7} could
     * otherwise repeat one of train's), labels are dropped, and a text that occurs in train, dev,
     * test or earlier in the file is left out, so no dev or test sentence can reach the transfer
     * set; "occurs" includes {@linkplain NearDuplicates near-duplicates} (other spacing,
     * punctuation or case, a truncated copy, a copy with a footer).
     */
    public TextDataset readUnlabelled(Recipe.Data spec, Path dataFolder) throws IOException {
        if (spec.unlabelled == null) {
            return TextDataset.of("unlabelled", List.of());
        }
        TextDataset read = readUnlabelledFile(spec, dataFolder);
        TextDataset kept = withoutTexts(read, UNLABELLED_ID_PREFIX, List.of(train, dev, test));
        LOG.info(
                "unlabelled: {} of the {} texts of {} kept; the others also occur, or nearly, in"
                        + " the labelled data or earlier in the file",
                kept.size(),
                read.size(),
                spec.unlabelled);
        return kept;
    }

    /**
     * The texts whose augmented copies stand for the training set's ({@code augmentation.source}),
     * read like train, without labels, ids prefixed {@code augmentation-source/}; a text of dev,
     * test or earlier in the file, or a {@linkplain NearDuplicates near-duplicate} of one, is left
     * out. Empty when the recipe names none.
     */
    public Optional<TextDataset> readAugmentationSource(Recipe recipe, Path dataFolder)
            throws IOException {
        String source = recipe.augmentation.source;
        if (source == null) {
            return Optional.empty();
        }
        TextDataset read = readSourceFile(recipe, dataFolder);
        TextDataset kept = withoutTexts(read, SOURCE_ID_PREFIX, List.of(dev, test));
        LOG.info(
                "augmentation source: {} of the {} texts of {} kept; the others occur, or nearly,"
                        + " in dev, test or earlier in the file",
                kept.size(),
                read.size(),
                source);
        return Optional.of(kept);
    }

    /**
     * Reads the recipe's unlabelled text and augmentation source, if it names them, only to check
     * their rows: a bad one is named by file and line, before the stages that use them, and without
     * the near-duplicate search those stages make.
     */
    static void checkTransferTexts(Recipe recipe, Path dataFolder) throws IOException {
        if (recipe.data.unlabelled != null) {
            readUnlabelledFile(recipe.data, dataFolder);
        }
        if (recipe.augmentation.source != null) {
            readSourceFile(recipe, dataFolder);
        }
    }

    private static TextDataset readUnlabelledFile(Recipe.Data spec, Path dataFolder)
            throws IOException {
        return reader(spec, spec.unlabelledFormat(), false)
                .readDataset(locate(spec.unlabelled, dataFolder));
    }

    private static TextDataset readSourceFile(Recipe recipe, Path dataFolder) throws IOException {
        return reader(recipe.data, recipe.data.format, false)
                .readDataset(locate(recipe.augmentation.source, dataFolder));
    }

    /**
     * {@code read}'s texts, unlabelled, with ids prefixed, minus near-duplicates of those of {@code
     * excluded} and of earlier ones.
     */
    private static TextDataset withoutTexts(
            TextDataset read, String idPrefix, List<TextDataset> excluded) {
        NearDuplicates seen = new NearDuplicates();
        excluded.forEach(dataset -> seen.addAll(dataset.texts()));
        List<TextExample> kept = new ArrayList<>();
        for (TextExample example : read) {
            if (seen.add(example.text())) {
                kept.add(TextExample.unlabelled(idPrefix + example.id(), example.text()));
            }
        }
        return read.derive(read.name(), kept);
    }

    /**
     * Reads one file named as in a recipe (a path, or {@code classpath:} for a file inside the jar,
     * which is copied into {@code dataFolder} first) with the format and columns of {@code spec}.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws io.github.bertdistill.core.storage.UnusablePathException if it is a folder
     * @throws io.github.bertdistill.core.data.io.DatasetFormatException naming the file, line and
     *     field of a bad row, or a column that does not exist
     */
    public static TextDataset readFile(Recipe.Data spec, String location, Path dataFolder)
            throws IOException {
        return reader(spec, spec.format, true).readDataset(locate(location, dataFolder));
    }

    /**
     * The texts of the data file at {@code location}, as {@link #readFile} finds and reads it but
     * without its labels: a file with no label column or field, or of the {@code text} format, is
     * read too.
     */
    public static List<String> readTexts(Recipe.Data spec, String location, Path dataFolder)
            throws IOException {
        return reader(spec, spec.format, false).readDataset(locate(location, dataFolder)).texts();
    }

    /**
     * A reader of {@code format} with the columns and charset of {@code spec}; {@code labelled =
     * false} reads only the text, so delimited and JSON Lines files need no label column (a {@code
     * lines} file keeps its label token), and allows {@code text}, plain lines without labels.
     */
    public static DatasetReader reader(Recipe.Data spec, DataFormat format, boolean labelled) {
        ReadOptions options =
                ReadOptions.builder().optCharset(Charset.forName(spec.charset)).build();
        return switch (format) {
            case TSV ->
                    delimited(DelimitedReader.tsv(spec.textColumn), spec, labelled)
                            .optReadOptions(options);
            case CSV ->
                    delimited(DelimitedReader.csv(spec.textColumn), spec, labelled)
                            .optReadOptions(options);
            case LINES -> LabelledLinesReader.create().optReadOptions(options);
            case JSONL -> {
                JsonLinesReader json = JsonLinesReader.create().optTextField(spec.textColumn);
                yield (labelled ? json.optLabelField(spec.labelColumn).requireLabels() : json)
                        .optReadOptions(options);
            }
            case TEXT -> {
                // Recipe.Data refuses 'text' for labelled files; the command-line options too.
                checkArgument(!labelled, "the data format 'text' has no labels");
                yield TextLinesReader.create().optReadOptions(options);
            }
        };
    }

    private static DelimitedReader delimited(
            DelimitedReader reader, Recipe.Data spec, boolean labelled) {
        return labelled ? reader.optLabelColumn(spec.labelColumn) : reader;
    }

    private static Path locate(String location, Path dataFolder) throws IOException {
        if (!Recipe.isClasspath(location)) {
            return InputLocation.requireFile(Path.of(location), "data file");
        }
        String resource = location.substring(RecipeLoader.CLASSPATH.length());
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

package io.github.bertdistill.examples.cli;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import com.google.gson.JsonPrimitive;
import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.config.StrictJson;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.storage.InputLocation;
import io.github.bertdistill.examples.pipeline.RunData;
import io.github.bertdistill.examples.recipe.DataFormat;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Where {@code evaluate} and {@code bench} take their texts from: a data file with its format and
 * columns, or the test set of a recipe; {@code bench}, which needs no labels, defaults to the
 * embedded default recipe's test set.
 */
final class DataOptions {
    @Option(
            names = "--data",
            paramLabel = "FILE",
            description =
                    "Data file: TSV or CSV with a header, JSON lines, or 'label text' lines"
                            + " (labelled for evaluate; bench reads only the texts).")
    Path data;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description =
                    "tsv, csv, jsonl or lines ('label text' lines); bench also takes text, one"
                            + " text per line (default: from the extension: .tsv, .csv, .jsonl,"
                            + " anything else but .json lines).")
    String format;

    @Option(
            names = "--text-column",
            paramLabel = "NAME",
            description =
                    "Text column (TSV/CSV) or field (JSON lines) (default: ${DEFAULT-VALUE}).")
    String textColumn = "text";

    @Option(
            names = "--label-column",
            paramLabel = "NAME",
            description =
                    "Label column (TSV/CSV) or field (JSON lines) (default: ${DEFAULT-VALUE}).")
    String labelColumn = "label";

    @Option(
            names = "--charset",
            paramLabel = "NAME",
            description = "File encoding (default: ${DEFAULT-VALUE}).")
    String charset = "UTF-8";

    @Option(
            names = "--recipe",
            paramLabel = "FILE",
            description =
                    "Use the test set of this recipe (file, format, columns) instead of --data.")
    Path recipe;

    /** Reads the data file, or the recipe's test set. */
    TextDataset read() throws IOException {
        if ((data == null) == (recipe == null)) {
            throw new IllegalArgumentException("give either --data FILE or --recipe FILE");
        }
        Recipe.Data spec = data != null ? fileSpec(true) : recipeData();
        TextDataset read = inScratch(folder -> RunData.readFile(spec, location(spec), folder));
        requireSome(read.texts(), spec);
        return read;
    }

    /**
     * Texts to time, and where they came from in words: the file, or a recipe and its test file.
     */
    record Texts(List<String> texts, String source) {}

    /**
     * The texts, labels not read, of the data file, or the recipe's test set, or with neither the
     * embedded default recipe's test set (English reviews).
     */
    Texts readTexts() throws IOException {
        if (data != null && recipe != null) {
            throw new IllegalArgumentException(
                    "give either --data FILE or --recipe FILE, not both");
        }
        Recipe.Data spec = data != null ? fileSpec(false) : recipeData();
        List<String> texts = inScratch(folder -> RunData.readTexts(spec, location(spec), folder));
        requireSome(texts, spec);
        String source =
                data != null
                        ? data.toString()
                        : "the test set of "
                                + (recipe != null ? recipe.toString() : "the default recipe")
                                + ", "
                                + spec.test;
        return new Texts(texts, source);
    }

    private void requireSome(List<String> texts, Recipe.Data spec) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(location(spec) + ": no texts in it");
        }
    }

    private String location(Recipe.Data spec) {
        return data != null ? data.toString() : spec.test;
    }

    /** What a read needs a folder for: a copy of a file embedded in the jar. */
    private interface Read<T> {
        T from(Path scratch) throws IOException;
    }

    private static <T> T inScratch(Read<T> read) throws IOException {
        Path scratch = Files.createTempDirectory("bert-distill-data");
        try {
            return read.from(scratch);
        } finally {
            MoreFiles.deleteRecursively(scratch, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    /** The data section of the recipe, or of the default recipe when none is given. */
    private Recipe.Data recipeData() throws IOException {
        Path file = recipe == null ? null : InputLocation.requireFile(recipe, "recipe file");
        return RecipeLoader.load(file, List.of()).data;
    }

    private Recipe.Data fileSpec(boolean labelled) {
        Recipe.Data spec = new Recipe.Data();
        spec.format = format != null ? formatNamed(format, labelled) : formatOf(data);
        spec.textColumn = textColumn;
        spec.labelColumn = labelColumn;
        if (!Recipe.Data.isCharset(charset)) {
            throw new IllegalArgumentException(
                    "--charset: " + String.format(Recipe.Data.NO_CHARSET, charset));
        }
        spec.charset = charset;
        return spec;
    }

    private static DataFormat formatNamed(String name, boolean labelled) {
        try {
            DataFormat format = StrictJson.read(new JsonPrimitive(name), DataFormat.class);
            ConfigException.require(
                    !labelled || format != DataFormat.TEXT, "", "'text' has no labels");
            return format;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("--format: " + e.getMessage(), e);
        }
    }

    private static DataFormat formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tsv") || name.endsWith(".csv") || name.endsWith(".jsonl")) {
            return formatNamed(name.substring(name.lastIndexOf('.') + 1), true);
        }
        if (name.endsWith(".json")) {
            throw new IllegalArgumentException(
                    "--data "
                            + file
                            + ": a .json file is no data format here; JSON Lines (one object per"
                            + " line) is, so give --format jsonl if it is that");
        }
        return DataFormat.LINES;
    }
}

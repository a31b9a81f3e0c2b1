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
                    "Labelled data file: TSV or CSV with a header, JSON lines, or 'label text'"
                            + " lines.")
    Path data;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description =
                    "tsv, csv, jsonl or lines (default: from the extension: .tsv, .csv, .jsonl,"
                            + " anything else lines).")
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
        return readGiven();
    }

    /**
     * Reads the data file, or the recipe's test set, or with neither the embedded default recipe's
     * test set (whose texts suit timing any English model; its labels suit only models trained on
     * it).
     */
    TextDataset readOrDefault() throws IOException {
        if (data != null && recipe != null) {
            throw new IllegalArgumentException(
                    "give either --data FILE or --recipe FILE, not both");
        }
        return readGiven();
    }

    /** Where the texts come from, in words: the file, or the recipe and its test file. */
    String source() throws IOException {
        if (data != null) {
            return data.toString();
        }
        return "the test set of "
                + (recipe != null ? recipe.toString() : "the default recipe")
                + ", "
                + recipeData().test;
    }

    private TextDataset readGiven() throws IOException {
        Recipe.Data spec = data != null ? fileSpec() : recipeData();
        String location = data != null ? data.toString() : spec.test;
        Path scratch = Files.createTempDirectory("bert-distill-data");
        try {
            return RunData.readFile(spec, location, scratch);
        } finally {
            MoreFiles.deleteRecursively(scratch, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    /** The data section of the recipe, or of the default recipe when none is given. */
    private Recipe.Data recipeData() throws IOException {
        Path file = recipe == null ? null : InputLocation.requireFile(recipe, "recipe file");
        return RecipeLoader.load(file, List.of()).data;
    }

    private Recipe.Data fileSpec() {
        Recipe.Data spec = new Recipe.Data();
        spec.format = format != null ? formatNamed(format) : formatOf(data);
        spec.textColumn = textColumn;
        spec.labelColumn = labelColumn;
        spec.charset = charset;
        return spec;
    }

    private static DataFormat formatNamed(String name) {
        try {
            DataFormat format = StrictJson.read(new JsonPrimitive(name), DataFormat.class);
            ConfigException.require(format != DataFormat.TEXT, "", "'text' has no labels");
            return format;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("--format: " + e.getMessage(), e);
        }
    }

    private static DataFormat formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tsv") || name.endsWith(".csv") || name.endsWith(".jsonl")) {
            return formatNamed(name.substring(name.lastIndexOf('.') + 1));
        }
        return DataFormat.LINES;
    }
}

package io.github.bertdistill.examples.cli;

import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every recipe-driven command ({@code run}, {@code finetune}, {@code label}, {@code
 * train}, {@code distill}): which recipe, which overrides, which run folder.
 */
final class RecipeOptions {
    @Option(
            names = "--recipe",
            paramLabel = "FILE",
            description = "Recipe JSON (default: the embedded fine-foods recipe).")
    Path recipe;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Run folder (default: runs/<recipe name>).")
    Path output;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a recipe key, e.g. student.training.epochs=3 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--retrain",
            description =
                    "When a changed recipe key conflicts with models already in the run folder,"
                            + " delete those models (and the report) and make them again, instead"
                            + " of refusing.")
    boolean retrain;

    @Mixin DeviceOption device;

    /** The recipe with the overrides (and {@code --device}) applied. */
    Recipe load() throws IOException {
        List<String> all = new ArrayList<>(overrides);
        if (device.asOverride() != null) {
            all.add(device.asOverride());
        }
        return RecipeLoader.load(recipe, all);
    }

    /**
     * The options as given, for a command the user is told to run next: {@code " --recipe FILE"},
     * each {@code " --set KEY=VALUE"}, {@code " --output DIR"} and {@code " --device D"}, those
     * given only.
     */
    String asArguments() {
        StringBuilder arguments = new StringBuilder();
        if (recipe != null) {
            arguments.append(" --recipe ").append(recipe);
        }
        overrides.forEach(set -> arguments.append(" --set ").append(set));
        if (output != null) {
            arguments.append(" --output ").append(output);
        }
        if (device.device != null) {
            arguments.append(" --device ").append(device.device);
        }
        return arguments.toString();
    }

    /** The run folder of {@code loaded}. */
    Path output(Recipe loaded) {
        return output != null ? output : Path.of("runs", loaded.name);
    }
}

package io.github.bertdistill.examples.cli;

import io.github.bertdistill.examples.recipe.Recipe;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs stages of a recipe ({@code run}, {@code finetune}, {@code label}, {@code
 * train}, {@code distill}, {@code sweep}, {@code report}): it reads the recipe with its overrides,
 * runs into the run folder and prints what it made.
 */
abstract class RecipeStageCommand implements Callable<Integer> {
    @Mixin RecipeOptions recipe;

    @Spec CommandSpec spec;

    /**
     * Runs the command's stages of {@code recipe} into {@code output}.
     *
     * @return what to print, e.g. {@code teacher: runs/x/teacher}
     */
    abstract String runStages(Recipe recipe, Path output) throws Exception;

    /** What {@code train} and {@code distill} print: one {@code student: FOLDER} line each. */
    static String describeStudents(List<Path> folders) {
        return folders.stream()
                .map(folder -> "student: " + folder)
                .collect(Collectors.joining(System.lineSeparator()));
    }

    @Override
    public final Integer call() throws Exception {
        Recipe loaded = recipe.load();
        spec.commandLine().getOut().println(runStages(loaded, recipe.output(loaded)));
        return 0;
    }
}

package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.storage.OutputLocation;
import io.github.bertdistill.examples.pipeline.MissingStageException;
import io.github.bertdistill.examples.pipeline.RunFolder;
import io.github.bertdistill.examples.pipeline.RunRecipe;
import io.github.bertdistill.examples.pipeline.StudentRole;
import io.github.bertdistill.examples.recipe.Recipe;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
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

    private final Set<Path> madeBefore = new HashSet<>();

    /**
     * About how many bytes the command may write, checked free before it starts: 100 MB (the
     * logits, students and their checkpoints, a report) unless it fine-tunes a teacher.
     */
    long spaceNeeded() {
        return 100 * OutputLocation.MB;
    }

    /** Whether the command makes models; one that only measures them has no use for --retrain. */
    boolean makesModels() {
        return true;
    }

    /**
     * Whether this command makes {@code model} (a path in {@code run}) again after {@code
     * --retrain} deleted it; {@code run} makes every model.
     */
    boolean remakes(RunFolder run, Path model) {
        return true;
    }

    /**
     * Whether {@code model} is a student of {@code roles} (any seed, or its training folder) or the
     * teacher's contextual vectors, which a student-training command pools again.
     */
    static boolean isStudentOf(List<StudentRole> roles, RunFolder run, Path model) {
        return RunFolder.studentRole(model).filter(roles::contains).isPresent()
                || model.equals(run.teacherContext());
    }

    /** What {@code train} and {@code distill} print: one {@code student: FOLDER} line each. */
    String describeStudents(List<Path> folders) {
        return folders.stream()
                .map(folder -> describe("student", folder))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    /**
     * {@code what: FOLDER}, marked as reused when the folder was there before the command (its
     * stage was skipped: the recipe keys it was made with are unchanged).
     */
    String describe(String what, Path folder) {
        return what
                + ": "
                + folder
                + (madeBefore.contains(folder) ? " (reused: made earlier with this recipe)" : "");
    }

    @Override
    public final Integer call() throws Exception {
        Recipe loaded = recipe.load();
        Path output = recipe.output(loaded);
        OutputLocation.requireFolder(output, spaceNeeded());
        RunFolder run = new RunFolder(output);
        StopNotice.onStop(
                "the run folder "
                        + output
                        + " keeps every finished stage, the saved chunks of logits and the last"
                        + " checkpoints, and the same command resumes it");
        if (recipe.retrain && !makesModels()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--retrain deletes models to make them again, and this command makes none: to"
                            + " measure a run made with --set keys, give its own recipe, --recipe "
                            + run.recipe());
        }
        if (recipe.retrain) {
            // The models a changed key invalidates go first; without --retrain the pipeline's
            // start refuses such a change, before any work.
            RunRecipe.openToRetrain(run, loaded, model -> remakes(run, model));
        }
        madeBefore.addAll(run.models());
        try {
            spec.commandLine().getOut().println(runStages(loaded, output));
        } catch (MissingStageException e) {
            throw e.withOptions(recipe.asArguments());
        }
        return 0;
    }
}

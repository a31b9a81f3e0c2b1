package io.github.bertdistill.examples.cli;

import io.github.bertdistill.distill.train.TemperatureAlphaSweep;
import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.pipeline.RunFolder;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code bert-distill sweep}: the recipe's T × α grid search for a distilled student. */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        header = "Search the temperature T and the hard-label weight alpha on dev.",
        description = {
            "Train the distilled student of sweep.role (student-kd or student-kd-aug) once per cell"
                + " of the grid sweep.temperatures x sweep.alphas (T and alpha held constant, the"
                + " rest of student.distillMethod as it is), and print the best dev accuracy of"
                + " each cell (test data are never looked at). Writes <run folder>/sweep/sweep.md"
                + " and sweep.csv; 'run' and 'report' draw them as a heat map in the report. Cells"
                + " resume from their checkpoints.",
            "",
            "Needs 'bert-distill label' first; 'bert-distill run' sweeps too when the recipe has"
                    + " a sweep.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill sweep --set 'sweep.temperatures=[1,2,4]' \\",
            "      --set 'sweep.alphas=[0.1,0.5]'",
            "  bert-distill sweep --recipe my-recipe.json --set sweep.role=student-kd-aug",
            "",
            "Next: set the best T and alpha in student.distillMethod and run 'bert-distill"
                    + " distill'."
        })
final class SweepCommand extends RecipeStageCommand {
    @Override
    boolean remakes(RunFolder run, Path model) {
        return model.equals(run.sweep()) || model.equals(run.teacherContext());
    }

    @Override
    String runStages(Recipe recipe, Path output) throws IOException {
        if (!recipe.sweep.requested()) {
            throw new IllegalArgumentException(
                    "the recipe has no sweep: set sweep.temperatures and sweep.alphas, e.g."
                            + " --set 'sweep.temperatures=[1,2,4]' --set 'sweep.alphas=[0.5]'");
        }
        Path tables = Pipeline.sweep(recipe, output);
        return Files.readString(
                        tables.resolve(TemperatureAlphaSweep.MARKDOWN_FILE), StandardCharsets.UTF_8)
                .strip();
    }
}

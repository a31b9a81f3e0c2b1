package io.github.bertdistill.examples.cli;

import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.pipeline.RunFolder;
import io.github.bertdistill.examples.pipeline.StudentRole;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bert-distill train}: the undistilled student, on gold labels only. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        header = "Train the undistilled student on gold labels.",
        description = {
            "Train the undistilled baseline: a TextCNN student on the gold labels only"
                    + " (student.hardMethod), saved to <run folder>/students/student-hard.",
            "",
            "Needs no teacher unless the recipe takes the teacher's vocabulary or embeddings"
                    + " (student.vocabulary=wordpiece, student.embeddings=teacher).",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill train",
            "  bert-distill train --set student.training.epochs=4 --output runs/baseline",
            "  bert-distill train --set student.seeds=5 --seed 44",
            "  bert-distill train --set student.seeds=5 --jobs 2"
        })
final class TrainCommand extends RecipeStageCommand {
    @Mixin SeedOption seed;

    @Mixin JobsOption jobs;

    @Override
    boolean remakes(RunFolder run, Path model) {
        return isStudentOf(List.of(StudentRole.HARD), run, model);
    }

    @Override
    String runStages(Recipe recipe, Path output) throws IOException {
        return describeStudents(
                Pipeline.train(
                        recipe, output, List.of(StudentRole.HARD), seed.value(), jobs.value()));
    }
}

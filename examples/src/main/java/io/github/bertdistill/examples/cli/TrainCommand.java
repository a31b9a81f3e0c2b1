package io.github.bertdistill.examples.cli;

import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.pipeline.StudentRole;
import io.github.bertdistill.examples.recipe.Recipe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
            "  bert-distill train --set student.training.epochs=4 --output runs/baseline"
        })
final class TrainCommand implements Callable<Integer> {
    @Mixin RecipeOptions recipe;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Recipe loaded = recipe.load();
        spec.commandLine()
                .getOut()
                .println(
                        "student: "
                                + Pipeline.train(loaded, recipe.output(loaded), StudentRole.HARD));
        return 0;
    }
}

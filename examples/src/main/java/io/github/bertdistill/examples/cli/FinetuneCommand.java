package io.github.bertdistill.examples.cli;

import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.recipe.Recipe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bert-distill finetune}: step 1 of a recipe, the teacher. */
@Command(
        name = "finetune",
        mixinStandardHelpOptions = true,
        header = "Step 1: fine-tune the teacher.",
        description = {
            "Step 1: fine-tune the recipe's BERT teacher (teacher.preset, or a Hugging Face"
                    + " folder in teacher.checkpoint) on its training data, and save it in Hugging"
                    + " Face layout to <run folder>/teacher.",
            "",
            "Resumes from the last checkpoint; does nothing when the teacher folder exists"
                    + " (delete it to fine-tune again).",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill finetune",
            "  bert-distill finetune --recipe my-recipe.json --set teacher.training.epochs=3",
            "  bert-distill finetune --set teacher.checkpoint=models/my-bert",
            "",
            "Next: bert-distill label (same --recipe, --set and --output)."
        })
final class FinetuneCommand implements Callable<Integer> {
    @Mixin RecipeOptions recipe;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Recipe loaded = recipe.load();
        spec.commandLine()
                .getOut()
                .println("teacher: " + Pipeline.finetune(loaded, recipe.output(loaded)));
        return 0;
    }
}

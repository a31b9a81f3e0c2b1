package io.github.bertdistill.examples.cli;

import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.recipe.Recipe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bert-distill label}: step 2 of a recipe, the teacher's logits for the transfer set. */
@Command(
        name = "label",
        mixinStandardHelpOptions = true,
        header = "Step 2: teacher logits for the transfer set.",
        description = {
            "Step 2: build the transfer set (the training data plus augmented copies, see the"
                    + " recipe's augmentation section) and let the fine-tuned teacher write its"
                    + " logits for it into <run folder>/logits.",
            "",
            "Needs 'bert-distill finetune' first. An interrupted labelling resumes; labelled"
                    + " examples are not labelled again.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill label",
            "  bert-distill label --set augmentation.copies=5",
            "",
            "Next: bert-distill distill (and bert-distill train for the undistilled baseline)."
        })
final class LabelCommand implements Callable<Integer> {
    @Mixin RecipeOptions recipe;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Recipe loaded = recipe.load();
        spec.commandLine()
                .getOut()
                .println("logits: " + Pipeline.label(loaded, recipe.output(loaded)));
        return 0;
    }
}

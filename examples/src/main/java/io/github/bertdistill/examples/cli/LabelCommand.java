package io.github.bertdistill.examples.cli;

import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.pipeline.RunFolder;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;

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
            "Needs 'bert-distill finetune' first. An interrupted labelling resumes: the cache is"
                    + " saved in chunks of about 512 examples as the teacher labels them, and the"
                    + " examples of saved chunks are not labelled again (a stop loses at most the"
                    + " 512 not yet saved).",
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
final class LabelCommand extends RecipeStageCommand {
    /** The logit cache checks itself; label makes no model folder again. */
    @Override
    boolean remakes(RunFolder run, Path model) {
        return false;
    }

    @Override
    String runStages(Recipe recipe, Path output) throws IOException {
        return "logits: " + Pipeline.label(recipe, output);
    }
}

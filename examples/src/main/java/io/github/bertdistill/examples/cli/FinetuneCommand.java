package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.storage.OutputLocation;
import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.pipeline.RunFolder;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;

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
final class FinetuneCommand extends RecipeStageCommand {
    /**
     * A teacher of up to ~130 MB, with its fine-tuning checkpoints (weights and Adam's moments).
     */
    @Override
    long spaceNeeded() {
        return 1024 * OutputLocation.MB;
    }

    @Override
    boolean remakes(RunFolder run, Path model) {
        return model.equals(run.teacher()) || model.equals(run.teacherTraining());
    }

    @Override
    String runStages(Recipe recipe, Path output) throws IOException {
        return describe("teacher", Pipeline.finetune(recipe, output));
    }
}

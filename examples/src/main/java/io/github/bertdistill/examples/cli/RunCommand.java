package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.storage.OutputLocation;
import io.github.bertdistill.eval.report.ReportWriter;
import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bert-distill run}: the whole pipeline from one recipe. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        header = "Run the whole recipe: teacher, labels, students, report.",
        description = {
            "Run the whole recipe: fine-tune the teacher, label the transfer set, train the"
                    + " undistilled and distilled students, and write the comparison report.",
            "",
            "Without options it runs the embedded default: fine-foods reviews, MiniLM-L6"
                    + " teacher. A run resumes where it stopped: finished stages are kept in the"
                    + " output folder.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill run",
            "  bert-distill run --recipe docs/benchmarks/sst2-minilm/recipe.json --jobs 2",
            "  bert-distill run --set teacher.maxLength=32 --set augmentation.copies=0"
        })
final class RunCommand extends RecipeStageCommand {
    @Mixin JobsOption jobs;

    /**
     * A teacher of up to ~130 MB, with its fine-tuning checkpoints (weights and Adam's moments).
     */
    @Override
    long spaceNeeded() {
        return 1024 * OutputLocation.MB;
    }

    @Override
    String runStages(Recipe recipe, Path output) throws IOException {
        return "report: "
                + Pipeline.run(recipe, output, jobs.value()).resolve(ReportWriter.HTML_FILE);
    }
}

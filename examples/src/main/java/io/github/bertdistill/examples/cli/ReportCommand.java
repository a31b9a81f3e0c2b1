package io.github.bertdistill.examples.cli;

import io.github.bertdistill.eval.report.ReportWriter;
import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code bert-distill report}: step 4 of a recipe, the report of a run's four models. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        header = "Step 4: evaluate a run's teacher and students; write the report.",
        description = {
            "Evaluate the run folder's teacher, student-hard, student-kd and student-kd-aug on the"
                + " recipe's test set with the recipe's latency protocol (evaluation.*), with their"
                + " training curves and the T x alpha sweep if there is one, and write <run"
                + " folder>/report/report.{json,md,html} (report-onnx/ on ONNX Runtime), keeping an"
                + " earlier report there in report-<its time>/. Use it to measure a finished run"
                + " again, e.g. on a quiet machine, or on ONNX Runtime, teacher and students"
                + " exported and timed there alike (--set engine.reportWith=onnx-runtime). A run"
                + " made with --set keys is measured with its own recipe: --recipe <run"
                + " folder>/recipe.json.",
            "",
            "Needs the teacher and all three students; 'bert-distill run' ends with this step.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill report",
            "  bert-distill report --recipe my-recipe.json --set evaluation.rounds=20",
            "  bert-distill report --set engine.reportWith=onnx-runtime",
            "  bert-distill report --recipe runs/my-run/recipe.json --output runs/my-run"
        })
final class ReportCommand extends RecipeStageCommand {
    @Override
    boolean makesModels() {
        return false;
    }

    @Override
    String runStages(Recipe recipe, Path output) throws IOException {
        return "report: " + Pipeline.report(recipe, output).resolve(ReportWriter.HTML_FILE);
    }
}

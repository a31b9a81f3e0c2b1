package io.github.bertdistill.examples.cli;

import io.github.bertdistill.examples.pipeline.Pipeline;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bert-distill run}: the whole pipeline from one recipe. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole recipe: fine-tune the teacher, label the transfer set, train the",
            "undistilled and distilled students, and write the comparison report.",
            "",
            "Without options it runs the embedded default: fine-foods reviews, MiniLM-L6 teacher.",
            "A run resumes where it stopped: finished stages are kept in the output folder."
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill run",
            "  bert-distill run --recipe docs/benchmarks/sst2/recipe.json",
            "  bert-distill run --set teacher.maxLength=32 --set augmentation.copies=0"
        })
final class RunCommand implements Callable<Integer> {
    @Option(
            names = "--recipe",
            paramLabel = "FILE",
            description = "Recipe JSON (default: the embedded fine-foods recipe).")
    Path recipe;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Run folder (default: runs/<recipe name>).")
    Path output;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a recipe key, e.g. student.training.epochs=3 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Recipe loaded = RecipeLoader.load(recipe, overrides);
        Path folder = output != null ? output : Path.of("runs", loaded.name);
        Path report = Pipeline.run(loaded, folder);
        System.out.println("report: " + report.resolve("report.html"));
        return 0;
    }
}

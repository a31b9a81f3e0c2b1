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
import picocli.CommandLine.Option;

/** {@code bert-distill distill}: step 3 of a recipe, the students distilled from the teacher. */
@Command(
        name = "distill",
        mixinStandardHelpOptions = true,
        header = "Step 3: distil the students from the teacher.",
        description = {
            "Step 3: train the distilled TextCNN students on the teacher's logits, as"
                + " student.distillMethod says (temperature, alpha, KL or MSE): student-kd on the"
                + " training data, student-kd-aug on the whole transfer set with the augmented"
                + " text. Saved to <run folder>/students/<role>.",
            "",
            "Needs 'bert-distill label' first.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill distill",
            "  bert-distill distill --role student-kd-aug",
            "  bert-distill distill --role student-kd-aug --set student.seeds=5 --seed 43",
            "  bert-distill distill --set student.seeds=5 --jobs 4",
            "  bert-distill distill \\",
            "      --set student.distillMethod.temperature='{\"from\":8,\"to\":1}'",
            "",
            "Next: bert-distill evaluate --model kd=runs/fine-foods/students/student-kd ..."
        })
final class DistillCommand extends RecipeStageCommand {
    @Option(
            names = "--role",
            paramLabel = "ROLE",
            description = "Train only this student: student-kd or student-kd-aug (default: both).")
    String role;

    @Mixin SeedOption seed;

    @Mixin JobsOption jobs;

    @Override
    boolean remakes(RunFolder run, Path model) {
        return isStudentOf(roles(), run, model);
    }

    @Override
    String runStages(Recipe recipe, Path output) throws IOException {
        return describeStudents(
                Pipeline.train(recipe, output, roles(), seed.value(), jobs.value()));
    }

    private List<StudentRole> roles() {
        if (role == null) {
            return List.of(StudentRole.KD, StudentRole.KD_AUG);
        }
        StudentRole chosen = StudentRole.fromId(role);
        if (!chosen.distilled()) {
            throw new IllegalArgumentException(
                    role + " is not distilled: train it with 'bert-distill train'");
        }
        return List.of(chosen);
    }
}

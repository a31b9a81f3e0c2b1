package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.eval.Evaluation;
import io.github.bertdistill.eval.report.EvaluationReport;
import io.github.bertdistill.eval.report.ReportWriter;
import io.github.bertdistill.eval.report.Roles;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.student.model.TextCnnClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Step 4 of the recipe: compare the teacher and the three students on the test set — quality,
 * latency (one protocol, models interleaved), footprint, the T × α sweep when the run has one, and
 * each role's accuracy across seeds when its students were trained with several — and write {@code
 * report.json}, {@code report.md} and {@code report.html}.
 */
final class EvaluateStage {
    private EvaluateStage() {}

    /** Evaluates every model of the run and writes the report; returns the report folder. */
    static Path run(Recipe recipe, RunData data, RunFolder run) throws IOException {
        try (ReportModels models = ReportModels.of(recipe.engine.reportWith, run)) {
            Evaluation.Builder evaluation =
                    Evaluation.builder()
                            .setDataset(data.test())
                            .optLatency(LatencyProtocol.of(recipe.evaluation, data.test().texts()))
                            .optEngineInfo(models.engineInfo())
                            .addModel(
                                    models.spec(run.teacher())
                                            .setName(teacherName(recipe))
                                            .setRole(Roles.TEACHER)
                                            .optTrainingLog(trainingLog(run.teacherTraining()))
                                            .build());
            for (StudentRole role : StudentRole.values()) {
                evaluation.addModel(
                        models.spec(run.student(role.id()))
                                .setName("textcnn-" + role.id().replace("student-", ""))
                                .setRole(role.id())
                                .optTrainingLog(trainingLog(run.studentTraining(role.id())))
                                .build());
            }
            if (recipe.student.seeds > 1) {
                // every seed's test accuracy, on the models as trained
                for (StudentRole role : StudentRole.values()) {
                    for (StudentSeed student : StudentSeed.of(recipe, role)) {
                        Path folder = run.student(student.id());
                        evaluation.addSeedReplicate(
                                role.id(),
                                student.seed(),
                                () -> TextCnnClassifier.load(folder),
                                trainingLog(run.studentTraining(student.id())));
                    }
                }
            }
            EvaluationReport report = evaluation.optSweep(SweepStage.points(run)).build().run();
            return ReportWriter.write(report, run.report(recipe.engine.reportWith));
        }
    }

    /**
     * The training log in {@code trainingFolder}, or none: a teacher fine-tuned elsewhere, or a
     * training folder removed by hand, has none, and the report leaves its curve and dev accuracy
     * out.
     */
    private static Path trainingLog(Path trainingFolder) {
        Path log = RunFolder.metricsLog(trainingFolder);
        return Files.exists(log) ? log : null;
    }

    /** The teacher's name in the report: its preset, or the folder of a given fine-tuned one. */
    private static String teacherName(Recipe recipe) {
        return (recipe.teacher.finetuned != null
                        ? Path.of(recipe.teacher.finetuned).getFileName().toString()
                        : recipe.teacher.preset)
                + "-teacher";
    }
}

package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.examples.recipe.ReportEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a pipeline run writes everything, one folder per stage so a stage whose output exists is
 * not redone (an interrupted run resumes at the first unfinished stage):
 *
 * <pre>
 * out/recipe.json                 the resolved recipe
 * out/teacher/                    fine-tuned teacher, Hugging Face layout
 * out/teacher-training/           its checkpoints and metrics.jsonl
 * out/logits/                     teacher-logit cache of the transfer set
 * out/features/                   the teacher's pooled vectors of it (featureWeight &gt; 0 only)
 * out/neighbours.tsv              the teacher's nearest words, searched once for augmentation
 * out/students/ROLE/              each student's model folder
 * out/students/ROLE-training/     its checkpoints and metrics.jsonl
 * out/students/ROLE-seedN/        the same student trained with another seed (student.seeds &gt; 1)
 * out/students/ROLE-seedN-training/
 * out/sweep/                      the T × α sweep's sweep.md and sweep.csv (when asked for)
 * out/sweep/ROLE-T…-alpha…/       each cell's checkpoints and metrics.jsonl
 * out/report/                     report.json, report.md, report.html
 * </pre>
 *
 * The {@code require…} methods return a stage's folder, or throw a {@link MissingStageException}
 * naming the command that makes it.
 */
public record RunFolder(Path root) {
    /** Copies of the data files that the recipe takes from inside the jar. */
    public Path data() {
        return root.resolve("data");
    }

    /** The resolved recipe of the run. */
    public Path recipe() {
        return root.resolve("recipe.json");
    }

    /** The fine-tuned teacher. */
    public Path teacher() {
        return root.resolve("teacher");
    }

    /** The fine-tuned teacher, which must exist. */
    public Path requireTeacher() {
        return require(teacher(), "fine-tuned teacher", "finetune");
    }

    /** Checkpoints and metrics of the teacher's fine-tuning. */
    public Path teacherTraining() {
        return root.resolve("teacher-training");
    }

    /** The teacher-logit cache. */
    public Path logits() {
        return root.resolve("logits");
    }

    /** The teacher-logit cache, which must exist. */
    public Path requireLogits() {
        return require(logits(), "teacher logits", "label");
    }

    /**
     * The teacher's feature vectors for the transfer set, when the recipe matches them ({@code
     * student.distillMethod.featureWeight > 0}; see {@code TeacherFeatureCache}).
     */
    public Path features() {
        return root.resolve("features");
    }

    /** The teacher's nearest words for word replacement (see {@code StoredNeighbours}). */
    public Path neighbours() {
        return root.resolve("neighbours.tsv");
    }

    /**
     * The teacher's contextual token vectors in the word2vec text format (see {@code
     * TeacherContextVectors}).
     */
    public Path teacherContext() {
        return root.resolve("teacher-context.vec");
    }

    /** The model folder of the student with {@code role}. */
    public Path student(String role) {
        return root.resolve("students").resolve(role);
    }

    /**
     * The role of a folder under {@code students/} ({@code ROLE}, {@code ROLE-seedN}, {@code
     * …-training}), or empty for any other path.
     */
    public static Optional<StudentRole> studentRole(Path folder) {
        String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
        StudentRole best = null;
        for (StudentRole role : StudentRole.values()) {
            String id = role.id();
            if ((name.equals(id) || name.startsWith(id + "-"))
                    && (best == null || id.length() > best.id().length())) {
                String rest = name.substring(id.length());
                if (rest.isEmpty() || rest.matches("(-seed\\d+)?(-training)?")) {
                    best = role;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The model folder of {@code student}, which must exist. */
    Path requireStudent(StudentSeed student) {
        return require(
                student(student.id()),
                student.id() + " student",
                student.role().distilled() ? "distill" : "train");
    }

    /** Checkpoints and metrics of the student with {@code role}. */
    public Path studentTraining(String role) {
        return root.resolve("students").resolve(role + "-training");
    }

    /** The T × α sweep's folder. */
    public Path sweep() {
        return root.resolve("sweep");
    }

    /** The training folder of one sweep cell. */
    public Path sweepCell(String role, float temperature, float alpha) {
        return sweep().resolve(role + "-T" + temperature + "-alpha" + alpha);
    }

    /** The report folder: {@code report}, or {@code report-onnx} for a report on ONNX Runtime. */
    public Path report(ReportEngine engine) {
        return root.resolve(engine == ReportEngine.ONNX_RUNTIME ? "report-onnx" : "report");
    }

    /** Every report folder there is, on either engine. */
    public List<Path> reports() {
        return Stream.of(ReportEngine.values()).map(this::report).filter(Files::exists).toList();
    }

    /**
     * The models exported for a report on ONNX Runtime ({@code engine.reportWith}); made and
     * removed by each such report.
     */
    public Path reportExports() {
        return root.resolve("onnx-exports");
    }

    /** Console logs of the students trained in child processes (see {@link StudentJobs}). */
    public Path logs() {
        return root.resolve("logs");
    }

    /** The model folders that exist now: the teacher and every student (all seeds). */
    public Set<Path> models() throws IOException {
        Set<Path> models = new HashSet<>();
        if (Files.isDirectory(teacher())) {
            models.add(teacher());
        }
        Path students = root.resolve("students");
        if (Files.isDirectory(students)) {
            try (Stream<Path> folders = Files.list(students)) {
                folders.filter(Files::isDirectory).forEach(models::add);
            }
        }
        return models;
    }

    /** The JSON-lines training log inside a training folder. */
    public static Path metricsLog(Path trainingFolder) {
        return trainingFolder.resolve("metrics.jsonl");
    }

    private static Path require(Path folder, String what, String command) {
        if (!Files.isDirectory(folder)) {
            throw new MissingStageException(what, folder, command);
        }
        return folder;
    }
}

package io.github.bertdistill.examples.pipeline;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.config.StrictJson;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.engine.ThreadSettings;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.eval.report.ReportWriter;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole recipe, from labelled data to the published report: fine-tune the teacher → label the
 * transfer set → train the undistilled and the two distilled students → evaluate all four.
 *
 * <p>Each stage writes its own folder (see {@link RunFolder}) and is skipped when that folder
 * exists, so a run that was interrupted resumes at the first unfinished stage (training stages also
 * resume from their last checkpoint). {@link #run} writes the wall time of each stage to {@code
 * timings.json}. The stages can also be run one at a time ({@link #finetune}, {@link #label},
 * {@link #train}); each needs the output of the stages before it and says which one is missing.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private Pipeline() {}

    /**
     * Runs {@code recipe} into {@code output}, training the students as {@code jobs} says; returns
     * the report folder.
     */
    public static Path run(Recipe recipe, Path output, StudentJobs jobs) throws IOException {
        StageClock clock = new StageClock();
        Started started = clock.time("data", () -> start(recipe, output));
        RunData data = started.data();
        RunFolder run = started.run();
        Set<Path> madeBefore = made(run);
        clock.run("teacher", () -> finetune(started));
        LabelStage.Labelled labelled = clock.time("label", () -> label(started));
        List<StudentSeed> students =
                StudentSeed.of(recipe, List.of(StudentRole.values()), OptionalLong.empty());
        StudentJobs.InProcess trainHere =
                student -> StudentStage.run(recipe, data, labelled, run, student);
        clock.time("students", () -> train(started, students, trainHere, jobs))
                .forEach(clock::record);
        if (recipe.sweep.requested()) {
            clock.time("sweep", () -> sweep(started, labelled));
        }
        // The stages that only reused their output keep the times measured when they did work.
        if (madeBefore.contains(run.teacher())) {
            clock.reused("teacher");
        }
        if (labelled.labelledNow() == 0 && madeBefore.contains(run.logits())) {
            clock.reused("label");
        }
        boolean studentsReused = true;
        for (StudentSeed student : students) {
            if (madeBefore.contains(run.student(student.id()))) {
                clock.reused(student.id());
            } else {
                studentsReused = false;
            }
        }
        if (studentsReused) {
            clock.reused("students");
        }
        if (madeBefore.contains(run.sweep())) {
            clock.reused("sweep");
        }
        Path report = run.report(recipe.engine.reportWith);
        if (made(run).equals(madeBefore)
                && Files.isRegularFile(report.resolve(ReportWriter.JSON_FILE))) {
            LOG.info("report: {} (reused: no model was made since)", report);
            return report;
        }
        clock.time("evaluate", () -> report(started));
        clock.write(output.resolve("timings.json"));
        LOG.info("report: {}", report.resolve(ReportWriter.HTML_FILE));
        return report;
    }

    /**
     * What the stages of a run have made so far: the teacher, the logit cache, every student folder
     * and the sweep.
     */
    private static Set<Path> made(RunFolder run) throws IOException {
        Set<Path> made = new HashSet<>(run.models());
        Stream.of(run.logits(), run.sweep()).filter(Files::exists).forEach(made::add);
        return made;
    }

    /** Step 1 alone: fine-tunes the teacher; returns its folder. */
    public static Path finetune(Recipe recipe, Path output) throws IOException {
        Started started = start(recipe, output);
        finetune(started);
        return started.run().teacher();
    }

    private static void finetune(Started started) throws IOException {
        if (!Files.isDirectory(started.run().teacher())) {
            started.recipeFile().save();
        }
        TeacherStage.run(started.recipe(), started.data(), started.run());
    }

    /**
     * What step 2 did: the cache folder, the size of the transfer set, how many of its examples the
     * teacher labelled in this call (ran on, for the logits, the feature vectors or both; the
     * others were in the caches already), and the folder of the teacher's feature vectors when the
     * recipe matches them.
     */
    public record Labelling(Path logits, int examples, long labelledNow, Optional<Path> features) {
        @Override
        public String toString() {
            return logits
                    + " ("
                    + examples
                    + " examples, "
                    + labelledNow
                    + " labelled now)"
                    + features.map(f -> "; teacher features: " + f).orElse("");
        }
    }

    /**
     * Step 2 alone: labels the transfer set with the fine-tuned teacher, resuming the cache.
     *
     * @throws MissingStageException if the teacher has not been fine-tuned
     */
    public static Labelling label(Recipe recipe, Path output) throws IOException {
        Started started = start(recipe, output);
        LabelStage.Labelled labelled = label(started);
        return new Labelling(
                started.run().logits(),
                labelled.transferSet().size(),
                labelled.labelledNow(),
                labelled.teacherFeatures().map(f -> started.run().features()));
    }

    private static LabelStage.Labelled label(Started started) throws IOException {
        started.run().requireTeacher();
        started.recipeFile().save();
        return LabelStage.run(started.recipe(), started.data(), started.run());
    }

    /**
     * Step 3 alone: trains the students of {@code roles}, once per seed of {@code student.seeds} or
     * only with {@code seed}, as {@code jobs} says; returns their folders, main students first. A
     * distilled student needs the teacher's logits; the undistilled one needs the teacher only when
     * the recipe takes the teacher's vocabulary or embeddings.
     *
     * @throws MissingStageException if a stage it needs has not run
     * @throws IllegalArgumentException if {@code seed} is not one of the recipe's student seeds
     */
    public static List<Path> train(
            Recipe recipe,
            Path output,
            List<StudentRole> roles,
            OptionalLong seed,
            StudentJobs jobs)
            throws IOException {
        List<StudentSeed> students = StudentSeed.of(recipe, roles, seed);
        Started started = start(recipe, output);
        RunData data = started.data();
        RunFolder run = started.run();
        // Opened here even for child processes: it checks the stages they need and builds what
        // they share (the stored nearest words) once.
        Teaching teaching =
                roles.stream().anyMatch(StudentRole::distilled)
                        ? LabelStage.open(recipe, data, run)
                        : Teaching.goldLabelsOnly(data.train(), run);
        train(
                started,
                students,
                student -> StudentStage.run(recipe, data, teaching, run, student),
                jobs);
        return students.stream().map(student -> run.student(student.id())).toList();
    }

    private static Map<String, Double> train(
            Started started,
            List<StudentSeed> students,
            StudentJobs.InProcess trainHere,
            StudentJobs jobs)
            throws IOException {
        if (students.stream().anyMatch(s -> !Files.isDirectory(started.run().student(s.id())))) {
            // Before the students start: child processes read the run folder's recipe and the
            // teacher's contextual vectors.
            started.recipeFile().save();
            TeacherContextVectors.ensure(started.recipe(), started.data(), started.run());
        }
        return jobs.train(started.run(), students, trainHere);
    }

    /**
     * The T × α sweep of {@code recipe.sweep} alone; returns the folder of its tables.
     *
     * @throws MissingStageException if the teacher's logits are missing
     */
    public static Path sweep(Recipe recipe, Path output) throws IOException {
        Started started = start(recipe, output);
        return sweep(started, LabelStage.open(recipe, started.data(), started.run()));
    }

    private static Path sweep(Started started, Teaching teaching) throws IOException {
        started.recipeFile().save();
        TeacherContextVectors.ensure(started.recipe(), started.data(), started.run());
        return SweepStage.run(started.recipe(), started.data(), teaching, started.run());
    }

    /**
     * Step 4 alone: evaluates the run's teacher and three students (again) and writes the report;
     * returns the report folder. Re-measures a finished run, e.g. on a quiet machine.
     *
     * @throws MissingStageException if the teacher or a student is missing
     */
    public static Path report(Recipe recipe, Path output) throws IOException {
        RunFolder run = new RunFolder(output);
        if (!Files.isRegularFile(run.recipe())) {
            throw new MissingStageException("run", output, "run");
        }
        return report(start(recipe, run, RunRecipe.openToMeasure(run, recipe)));
    }

    private static Path report(Started started) throws IOException {
        started.run().requireTeacher();
        for (StudentRole role : StudentRole.values()) {
            StudentSeed.of(started.recipe(), role).forEach(started.run()::requireStudent);
        }
        started.recipeFile().save();
        return EvaluateStage.run(started.recipe(), started.data(), started.run());
    }

    /** What every stage of one command works with. */
    private record Started(Recipe recipe, RunRecipe recipeFile, RunData data, RunFolder run) {}

    /**
     * Checks the run folder's recipe against {@code recipe} (a conflicting change is refused), then
     * starts the engine and reads the data (before the teacher exists, the unlabelled text and the
     * augmentation source too, to check them). A new run folder that fails here is removed again.
     */
    private static Started start(Recipe recipe, Path output) throws IOException {
        RunFolder run = new RunFolder(output);
        return start(recipe, run, RunRecipe.open(run, recipe));
    }

    /** {@link #start(Recipe, Path)} with the run folder's recipe already checked. */
    private static Started start(Recipe recipe, RunFolder run, RunRecipe recipeFile)
            throws IOException {
        Path output = run.root();
        EngineBootstrap.start(ThreadSettings.fromSystemProperties(), recipe.engine.device);
        if (!Files.isDirectory(run.teacher())) {
            TeacherStage.requirePretrained(recipe.teacher);
        }
        boolean fresh = !Files.exists(output);
        RunData data;
        try {
            Files.createDirectories(output);
            data = RunData.read(recipe.data, recipe.seed, run.data());
            if (!Files.isDirectory(run.teacher())) {
                // The label stage reads these; a bad row in them stops a new run here, before
                // the teacher's fine-tuning, not after it.
                RunData.checkTransferTexts(recipe, run.data());
            }
        } catch (IOException | RuntimeException e) {
            if (fresh) {
                MoreFiles.deleteRecursively(output, RecursiveDeleteOption.ALLOW_INSECURE);
            }
            throw e;
        }
        LOG.info(
                "data: {} train, {} dev, {} test, labels {}",
                data.train().size(),
                data.dev().size(),
                data.test().size(),
                data.labels().names());
        return new Started(recipe, recipeFile, data, run);
    }

    /**
     * Wall time of each stage, in seconds, written to {@code timings.json}. A stage that only
     * reused what an earlier command made keeps the time measured then.
     */
    private static final class StageClock {
        private final JsonObject seconds = new JsonObject();
        private final Set<String> reused = new HashSet<>();

        interface Stage<T> {
            T run() throws IOException;
        }

        interface Step {
            void run() throws IOException;
        }

        void run(String name, Step step) throws IOException {
            time(
                    name,
                    () -> {
                        step.run();
                        return name;
                    });
        }

        <T> T time(String name, Stage<T> stage) throws IOException {
            long start = System.nanoTime();
            T result = stage.run();
            double elapsed = (System.nanoTime() - start) / 1e9;
            record(name, elapsed);
            LOG.info("{} finished in {} s", name, String.format(Locale.ROOT, "%.1f", elapsed));
            return result;
        }

        /** Records a stage timed elsewhere, such as a student trained in a child process. */
        void record(String name, double elapsed) {
            seconds.addProperty(name, Math.round(elapsed * 10) / 10.0);
        }

        /** Marks a stage that did no work in this command. */
        void reused(String name) {
            reused.add(name);
        }

        /**
         * Writes the times to {@code file}, atomically: the earlier file's, with those of the
         * stages that did work in this command put in.
         */
        void write(Path file) throws IOException {
            JsonObject earlier =
                    Files.isRegularFile(file)
                            ? JsonParser.parseString(Files.readString(file)).getAsJsonObject()
                            : new JsonObject();
            JsonObject merged = earlier.deepCopy();
            for (String name : seconds.keySet()) {
                if (!reused.contains(name)) {
                    merged.add(name, seconds.get(name));
                }
            }
            AtomicFiles.writeString(file, StrictJson.GSON.toJson(merged) + "\n");
        }
    }
}

package io.github.bertdistill.examples.pipeline;

import com.google.gson.JsonObject;
import io.github.bertdistill.core.config.StrictJson;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole recipe, from labelled data to the published report: fine-tune the teacher → label the
 * transfer set → train the undistilled and the two distilled students → evaluate all four.
 *
 * <p>Each stage writes its own folder (see {@link RunFolder}) and is skipped when that folder
 * exists, so a run that was interrupted resumes at the first unfinished stage (training stages also
 * resume from their last checkpoint). The wall time of each stage is written to {@code
 * timings.json}.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private Pipeline() {}

    /** Runs {@code recipe} into {@code output}; returns the report folder. */
    public static Path run(Recipe recipe, Path output) throws IOException {
        EngineBootstrap.start();
        RunFolder run = new RunFolder(output);
        Files.createDirectories(output);
        AtomicFiles.writeString(run.recipe(), StrictJson.write(recipe));
        StageClock clock = new StageClock();

        RunData data =
                clock.time(
                        "data",
                        () -> RunData.read(recipe.data, recipe.seed, output.resolve("data")));
        LOG.info(
                "data: {} train, {} dev, {} test, labels {}",
                data.train().size(),
                data.dev().size(),
                data.test().size(),
                data.labels().names());
        clock.run("teacher", () -> TeacherStage.run(recipe, data, run));
        LabelStage.Labelled labelled = clock.time("label", () -> LabelStage.run(recipe, data, run));
        for (StudentRole role : StudentRole.values()) {
            clock.run(role.id(), () -> StudentStage.run(recipe, data, labelled, run, role));
        }
        Path report = clock.time("evaluate", () -> EvaluateStage.run(recipe, data, run));
        AtomicFiles.writeString(output.resolve("timings.json"), clock.toJson());
        LOG.info("report: {}", report.resolve("report.html"));
        return report;
    }

    /** Wall time of each stage, in seconds. */
    private static final class StageClock {
        private final JsonObject seconds = new JsonObject();

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
            seconds.addProperty(name, Math.round(elapsed * 10) / 10.0);
            LOG.info("{} finished in {} s", name, String.format(Locale.ROOT, "%.1f", elapsed));
            return result;
        }

        String toJson() {
            return StrictJson.GSON.toJson(seconds) + "\n";
        }
    }
}

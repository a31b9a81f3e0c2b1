package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.TemperatureAlphaSweep;
import io.github.bertdistill.eval.report.SweepPoint;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional step between the students and the report: a grid search over the distillation
 * temperature {@code T} and the hard-label weight {@code α} ({@code recipe.sweep}), one complete
 * training run of a distilled student per cell, judged by its best dev accuracy, never by the test
 * set. The table ({@code sweep/sweep.md}, {@code sweep/sweep.csv}) is what a user reads to choose
 * {@code T} and {@code α}; the report draws it as a heat map.
 */
final class SweepStage {
    private static final Logger LOG = LoggerFactory.getLogger(SweepStage.class);

    private SweepStage() {}

    /** Runs the recipe's sweep unless its table exists; returns the sweep folder. */
    static Path run(Recipe recipe, RunData data, Teaching teaching, RunFolder run)
            throws IOException {
        Path table = run.sweep().resolve(TemperatureAlphaSweep.CSV_FILE);
        if (Files.exists(table)) {
            LOG.info("sweep: reusing {}", table);
            return run.sweep();
        }
        Recipe.Sweep spec = recipe.sweep;
        StudentRole role = spec.role;
        MethodConfig method = recipe.student.distillMethod;
        new TemperatureAlphaSweep(spec.temperatures, spec.alphas)
                .run(
                        (temperature, alpha) -> {
                            LOG.info("sweep: {} at T = {}, α = {}", role.id(), temperature, alpha);
                            return StudentStage.train(
                                    recipe,
                                    data,
                                    teaching,
                                    run,
                                    role,
                                    method.withConstant(temperature, alpha),
                                    run.sweepCell(role.id(), temperature, alpha));
                        },
                        run.sweep());
        LOG.info(
                "sweep: the table is in {}",
                run.sweep().resolve(TemperatureAlphaSweep.MARKDOWN_FILE));
        return run.sweep();
    }

    /** The cells of a finished sweep, or none when the run has no sweep table. */
    static List<SweepPoint> points(RunFolder run) throws IOException {
        return TemperatureAlphaSweep.read(run.sweep()).stream()
                .map(cell -> new SweepPoint(cell.temperature(), cell.alpha(), cell.devAccuracy()))
                .toList();
    }
}

package io.github.bertdistill.distill.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The two snapshot folders of a run under its output folder:
 *
 * <ul>
 *   <li>{@code checkpoints/step-N/}: {@code state.json} ({@link TrainingState}), {@code
 *       parameters.bin} (every parameter of the block), {@code optimizer.bin} (Adam's moments) and,
 *       when weights are averaged, {@code average.bin} ({@link WeightAverage}'s sums): everything
 *       needed to resume the run exactly;
 *   <li>{@code best/step-N/}: {@code parameters.bin} and {@code metrics.json} of the weights with
 *       the best dev accuracy so far.
 * </ul>
 *
 * Both are {@link SnapshotFolder}s, so a run killed at any instant leaves complete snapshots.
 */
final class Checkpoints {
    private static final String STATE = "state.json";
    private static final String PARAMETERS = "parameters.bin";
    private static final String OPTIMIZER = "optimizer.bin";
    private static final String AVERAGE = "average.bin";
    private static final String METRICS = "metrics.json";

    private final SnapshotFolder last;
    private final SnapshotFolder best;

    Checkpoints(Path outputDir) {
        this.last = new SnapshotFolder(outputDir.resolve("checkpoints"));
        this.best = new SnapshotFolder(outputDir.resolve("best"));
    }

    /** Saves everything needed to resume after {@code state.step} steps. */
    void save(TrainingState state, Block block, AdamOptimizer optimizer, WeightAverage average)
            throws IOException {
        state.optimizerSteps = optimizer.steps();
        last.write(
                name(state.step),
                staging -> {
                    staging.writeString(STATE, state.toJson());
                    NamedArrays.write(staging.resolve(PARAMETERS), NamedArrays.parameters(block));
                    NamedArrays.write(staging.resolve(OPTIMIZER), optimizer.state());
                    if (!average.state().isEmpty()) {
                        NamedArrays.write(staging.resolve(AVERAGE), average.state());
                    }
                });
    }

    /**
     * Loads the latest checkpoint into {@code block}, {@code optimizer} and {@code average}, after
     * checking that it belongs to the run {@code expected} describes.
     *
     * @return the saved state, or empty if there is no checkpoint
     */
    Optional<TrainingState> restore(
            TrainingState expected,
            Block block,
            AdamOptimizer optimizer,
            WeightAverage average,
            NDManager manager)
            throws IOException {
        Optional<Path> folder = last.latest();
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        Path dir = folder.get();
        TrainingState state =
                TrainingState.fromJson(
                        Files.readString(dir.resolve(STATE), StandardCharsets.UTF_8));
        state.checkSameRun(expected, dir);
        try (NDManager loading = manager.newSubManager()) {
            Path parameters = dir.resolve(PARAMETERS);
            NamedArrays.copyInto(block, NamedArrays.read(parameters, loading), parameters);
            optimizer.restore(
                    NamedArrays.read(dir.resolve(OPTIMIZER), loading), state.optimizerSteps);
            Path sums = dir.resolve(AVERAGE);
            average.restore(
                    Files.exists(sums) ? NamedArrays.read(sums, loading) : Map.of(),
                    state.step,
                    sums);
        }
        return Optional.of(state);
    }

    /** Saves {@code block}'s weights as the best so far. */
    void saveBest(long step, double accuracy, Block block) throws IOException {
        JsonObject metrics = new JsonObject();
        metrics.addProperty("step", step);
        metrics.addProperty("devAccuracy", accuracy);
        best.write(
                name(step),
                staging -> {
                    staging.writeJson(METRICS, metrics);
                    NamedArrays.write(staging.resolve(PARAMETERS), NamedArrays.parameters(block));
                });
    }

    /** Loads the best weights into {@code block}; false if there are none. */
    boolean restoreBest(Block block, NDManager manager) throws IOException {
        Optional<Path> folder = best.latest();
        if (folder.isEmpty()) {
            return false;
        }
        Path parameters = folder.get().resolve(PARAMETERS);
        try (NDManager loading = manager.newSubManager()) {
            NamedArrays.copyInto(block, NamedArrays.read(parameters, loading), parameters);
        }
        return true;
    }

    /** The folder of the best weights, if any. */
    Optional<Path> bestFolder() throws IOException {
        return best.latest();
    }

    private static String name(long step) {
        return String.format("step-%09d", step);
    }
}

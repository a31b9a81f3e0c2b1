package io.github.bertdistill.distill.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.core.storage.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes every step, validation, epoch end and the final result as one JSON object per line, kept
 * beside the run's outputs so that every reported number can be traced to the run that produced it
 * (torchdistill's habit). Each line has an {@code "event"} ({@code step}, {@code validation},
 * {@code epoch}, {@code end}) and the fields of the matching record, for example:
 *
 * <pre>{"event":"step","step":12,"totalSteps":40,"epoch":1,"loss":0.41,...}</pre>
 *
 * When a run resumes from step {@code s}, lines after step {@code s} (written by the interrupted
 * run and about to be repeated) are dropped first, so the log reads like an uninterrupted run's.
 */
public final class JsonLinesLog implements TrainerListener {
    private static final Gson GSON =
            new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private final Path file;

    /**
     * @param file the log file; appended to, created if missing
     */
    public JsonLinesLog(Path file) {
        this.file = file;
    }

    @Override
    public void onStart(long step, long totalSteps) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<String> kept =
                    Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                            .filter(line -> !line.isBlank() && stepOf(line) <= step)
                            .collect(Collectors.toList());
            AtomicFiles.writeString(
                    file, kept.stream().map(line -> line + "\n").collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot trim the metrics log " + file + ": " + FileErrors.cause(file, e), e);
        }
    }

    private static long stepOf(String line) {
        JsonElement step = JsonParser.parseString(line).getAsJsonObject().get("step");
        return step == null ? Long.MAX_VALUE : step.getAsLong();
    }

    @Override
    public void onStep(StepMetrics metrics) {
        append("step", metrics);
    }

    @Override
    public void onValidation(ValidationMetrics metrics) {
        append("validation", metrics);
    }

    @Override
    public void onEpochEnd(EpochMetrics metrics) {
        append("epoch", metrics);
    }

    @Override
    public void onEnd(TrainerResult result) {
        append("end", result);
    }

    private void append(String event, Object record) {
        JsonObject line = new JsonObject();
        line.addProperty("event", event);
        GSON.toJsonTree(record)
                .getAsJsonObject()
                .entrySet()
                .forEach(e -> line.add(e.getKey(), e.getValue()));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(
                    file,
                    GSON.toJson(line) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot append to the metrics log " + file + ": " + FileErrors.cause(file, e),
                    e);
        }
    }
}

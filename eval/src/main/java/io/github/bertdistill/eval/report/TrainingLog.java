package io.github.bertdistill.eval.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads a training log in JSON-lines form: one JSON object per line, such as {@code {"step": 100,
 * "epoch": 1, "loss": 0.41, "dev_accuracy": 0.87}}.
 *
 * <p>Keys: {@code step} (else {@code global_step}, else the line's position), {@code loss} (else
 * {@code train_loss}), {@code epoch}, {@code dev_accuracy} (else {@code dev_acc}). Values may be
 * numbers or numeric strings. The log of bert-distill's own training loop ({@code JsonLinesLog}) is
 * read as it is: its {@code "event"} field marks validation lines, whose dev-set accuracy is under
 * {@code accuracy}; its step lines carry {@code loss} and its epoch summaries (a {@code meanLoss})
 * are skipped. The reader is tolerant: blank lines, lines that are not JSON objects, and lines with
 * neither a loss nor a dev accuracy are skipped, and any other key is ignored.
 */
public final class TrainingLog {
    private TrainingLog() {}

    /**
     * One logged training step.
     *
     * @param step the optimiser step
     * @param epoch the epoch, if logged
     * @param loss the training loss, if logged
     * @param devAccuracy the accuracy on the dev set, if logged
     */
    public record Point(
            double step, OptionalDouble epoch, OptionalDouble loss, OptionalDouble devAccuracy) {}

    /** The points of the log at {@code file}. */
    public static List<Point> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The points of a log's lines. */
    public static List<Point> parse(List<String> lines) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonObject object = objectOrNull(lines.get(i));
            if (object == null) {
                continue;
            }
            boolean validation = "validation".equals(string(object, "event"));
            OptionalDouble loss = number(object, "loss", "train_loss");
            OptionalDouble dev =
                    validation
                            ? number(object, "accuracy")
                            : number(object, "dev_accuracy", "dev_acc");
            if (loss.isPresent() || dev.isPresent()) {
                double step = number(object, "step", "global_step").orElse(i);
                points.add(new Point(step, number(object, "epoch"), loss, dev));
            }
        }
        return points;
    }

    /**
     * The best dev accuracy of a log: that of the checkpoint a training that keeps its best
     * validation ends with; empty if the log has no dev accuracy.
     */
    public static OptionalDouble bestDevAccuracy(List<Point> points) {
        return points.stream()
                .map(Point::devAccuracy)
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .max();
    }

    private static JsonObject objectOrNull(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonElement json = JsonParser.parseString(line);
            return json.isJsonObject() ? json.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    /** The string value of {@code key}, or {@code null}. */
    private static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    /** The first of {@code keys} present with a finite numeric value. */
    private static OptionalDouble number(JsonObject object, String... keys) {
        for (String key : keys) {
            JsonElement value = object.get(key);
            if (value != null && value.isJsonPrimitive()) {
                try {
                    double number = value.getAsDouble();
                    if (Double.isFinite(number)) {
                        return OptionalDouble.of(number);
                    }
                } catch (NumberFormatException e) {
                    // not a number: try the next key
                }
            }
        }
        return OptionalDouble.empty();
    }
}

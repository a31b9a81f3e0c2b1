package io.github.bertdistill.examples.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.data.io.DatasetFormatException;
import io.github.bertdistill.core.data.io.TextLineStream;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.core.storage.InputLocation;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bert-distill predict}: labels and probabilities for texts, as JSON lines. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        header = "Classify texts; print JSON lines.",
        description = {
            "Classify texts with a teacher, a student or a TorchScript model folder and print"
                    + " one JSON object per text:",
            "  {\"text\":\"…\",\"label\":\"great\",\"probabilities\":{\"great\":0.9,\"other\":0.1}}",
            "",
            "Texts come from the arguments, else from --file (one per line), else from"
                    + " standard input (one per line, answered as they arrive, in batches of up to "
                    + PredictCommand.BATCH
                    + ").",
            "",
            "Texts are read as UTF-8, like data files: a byte-order mark is dropped and blank"
                    + " lines at the end are ignored. An empty or blank text (argument, or line"
                    + " before a later text) and bytes that are not UTF-8 stop with an error naming"
                    + " the argument or the file (or standard input) and line, exit code 2, after"
                    + " the texts before it were answered.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill predict --model runs/fine-foods/students/student-kd \"Tasty!\"",
            "  bert-distill predict --model runs/fine-foods/teacher --file reviews.txt",
            "  cat reviews.txt | bert-distill predict --model models/cnn > predictions.jsonl"
        })
final class PredictCommand implements Callable<Integer> {
    static final int BATCH = 32;
    private static final String STANDARD_INPUT = "standard input";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @Option(
            names = "--model",
            paramLabel = "DIR",
            required = true,
            description = "The model folder (teacher, student or TorchScript).")
    Path model;

    @Option(
            names = "--file",
            paramLabel = "FILE",
            description = "Read texts from this UTF-8 file, one per line.")
    Path file;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to classify.")
    List<String> texts = new ArrayList<>();

    @Mixin DeviceOption device;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!texts.isEmpty() && file != null) {
            throw new IllegalArgumentException("give texts as arguments or --file, not both");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i).isBlank()) {
                throw new IllegalArgumentException(
                        "text argument "
                                + (i + 1)
                                + " is empty or blank: give a text to classify, or leave it out");
            }
        }
        if (file != null) {
            InputLocation.requireFile(file, "text file");
        }
        PrintWriter out = spec.commandLine().getOut();
        device.startEngine();
        try (TextClassifier classifier = ModelFolders.load(model)) {
            if (!texts.isEmpty()) {
                print(classifier, texts, out);
                return 0;
            }
            try (TextLineStream lines =
                    file != null
                            ? TextLineStream.open(file, StandardCharsets.UTF_8)
                            : TextLineStream.of(
                                    System.in, STANDARD_INPUT, StandardCharsets.UTF_8)) {
                answer(classifier, lines, out);
            }
        }
        return 0;
    }

    /**
     * Answers the texts of {@code lines} in batches, each when full or when no more input is
     * waiting; a bad line stops it after the texts before it were answered.
     */
    private static void answer(TextClassifier classifier, TextLineStream lines, PrintWriter out)
            throws IOException {
        List<String> batch = new ArrayList<>();
        try {
            for (Optional<String> text = lines.next(); text.isPresent(); text = lines.next()) {
                batch.add(text.get());
                if (batch.size() == BATCH || !lines.ready()) {
                    print(classifier, batch, out);
                    batch.clear();
                }
            }
        } catch (DatasetFormatException e) {
            print(classifier, batch, out);
            throw e;
        }
        print(classifier, batch, out);
    }

    private static void print(TextClassifier classifier, List<String> batch, PrintWriter out)
            throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        List<Prediction> predictions = classifier.predict(batch);
        for (int i = 0; i < batch.size(); i++) {
            out.println(GSON.toJson(json(batch.get(i), predictions.get(i), classifier)));
        }
        out.flush();
    }

    private static JsonObject json(String text, Prediction prediction, TextClassifier classifier) {
        JsonObject json = new JsonObject();
        json.addProperty("text", text);
        json.addProperty("label", prediction.label());
        JsonObject probabilities = new JsonObject();
        float[] values = prediction.probabilities();
        for (int c = 0; c < values.length; c++) {
            probabilities.addProperty(classifier.labels().name(c), values[c]);
        }
        json.add("probabilities", probabilities);
        return json;
    }
}

package io.github.bertdistill.examples.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.data.io.DatasetFormatException;
import io.github.bertdistill.core.data.io.TextLineStream;
import io.github.bertdistill.core.model.BucketedInference;
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
            "Classify texts with a model folder (a teacher, a student, an ONNX export or a"
                    + " TorchScript folder) and print one JSON object per text:",
            "  {\"text\":\"…\",\"label\":\"great\",\"probabilities\":{\"great\":0.9,\"other\":0.1}}",
            "",
            "Texts come from the arguments, else from --file (one per line), else from"
                    + " standard input (one per line, answered as they arrive). The texts at hand,"
                    + " up to "
                    + PredictCommand.WINDOW
                    + ", are classified in batches of up to "
                    + PredictCommand.BATCH
                    + " texts of similar length; answers are printed in input order, each as soon"
                    + " as it and the texts before it are classified.",
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

    /** The most texts at hand sorted together into batches of similar length. */
    static final int WINDOW = 8 * BATCH;

    private static final String STANDARD_INPUT = "standard input";
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    @Option(
            names = "--model",
            paramLabel = "DIR",
            required = true,
            description = "The model folder (teacher, student, ONNX or TorchScript).")
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
        device.startEngine(List.of(model));
        try (TextClassifier classifier = ModelFolders.load(model)) {
            BucketedInference inference = new BucketedInference(classifier, BATCH);
            if (!texts.isEmpty()) {
                print(inference, texts, out);
                return 0;
            }
            try (TextLineStream lines =
                    file != null
                            ? TextLineStream.open(file, StandardCharsets.UTF_8)
                            : TextLineStream.of(
                                    System.in, STANDARD_INPUT, StandardCharsets.UTF_8)) {
                if (answer(inference, lines, out) == 0) {
                    // exit 0: an empty input is no error, but a pipeline should see why no line
                    // came
                    spec.commandLine()
                            .getErr()
                            .println(
                                    "bert-distill: no texts in "
                                            + (file != null ? file : STANDARD_INPUT)
                                            + ": nothing to classify");
                }
            }
        }
        return 0;
    }

    /**
     * Answers the texts of {@code lines} window by window, a window ending when it is full or when
     * no more input is waiting; a bad line stops it after the texts before it were answered.
     * Returns how many texts it answered.
     */
    private static int answer(BucketedInference inference, TextLineStream lines, PrintWriter out)
            throws IOException {
        List<String> window = new ArrayList<>();
        int count = 0;
        try {
            for (Optional<String> text = lines.next(); text.isPresent(); text = lines.next()) {
                window.add(text.get());
                count++;
                if (window.size() == WINDOW || !lines.ready()) {
                    print(inference, window, out);
                    window.clear();
                }
            }
        } catch (DatasetFormatException e) {
            print(inference, window, out);
            throw e;
        }
        print(inference, window, out);
        return count;
    }

    /** Classifies {@code texts} and prints their answers in order, each as soon as it can. */
    private static void print(BucketedInference inference, List<String> texts, PrintWriter out) {
        inference.logits(texts, new InOrder(texts, inference.classifier(), out));
    }

    /** Prints answers in input order, each as soon as it and every text before it are known. */
    private static final class InOrder implements BucketedInference.BatchListener {
        private final List<String> texts;
        private final TextClassifier classifier;
        private final PrintWriter out;
        private final Prediction[] predictions;
        private int next;

        InOrder(List<String> texts, TextClassifier classifier, PrintWriter out) {
            this.texts = texts;
            this.classifier = classifier;
            this.out = out;
            this.predictions = new Prediction[texts.size()];
        }

        @Override
        public void batchDone(int[] positions, float[][] logits) {
            for (int k = 0; k < positions.length; k++) {
                predictions[positions[k]] = Prediction.fromLogits(logits[k], classifier.labels());
            }
            for (; next < predictions.length && predictions[next] != null; next++) {
                out.println(GSON.toJson(json(texts.get(next), predictions[next], classifier)));
            }
            out.flush();
        }
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

package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The models that {@code evaluate} and {@code bench} compare, by name. */
final class ModelOptions {
    @Option(
            names = "--model",
            paramLabel = "NAME=DIR",
            required = true,
            description =
                    "A model folder under a name (repeatable): a teacher or student saved by"
                            + " bert-distill, an ONNX folder ('bert-distill export' writes one:"
                            + " model.onnx, tokenizer.json, labels.json), or a TorchScript folder"
                            + " (model.pt, tokenizer.json, labels.json).")
    List<String> given = new ArrayList<>();

    /**
     * The models by name, in the order given.
     *
     * @throws IllegalArgumentException if a {@code --model} is not {@code NAME=DIR} or a name is
     *     given twice
     */
    Map<String, Path> byName() {
        Map<String, Path> models = new LinkedHashMap<>();
        NamedValues.parse("--model", given, "cnn=runs/x/students/student-kd")
                .forEach((name, folder) -> models.put(name, Path.of(folder)));
        return models;
    }

    /** Loads every model of {@link #byName}, in order; closes what was loaded if one fails. */
    static Map<String, TextClassifier> loadAll(Map<String, Path> models) throws IOException {
        Map<String, TextClassifier> loaded = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> model : models.entrySet()) {
                loaded.put(model.getKey(), ModelFolders.load(model.getValue()));
            }
            return loaded;
        } catch (IOException | RuntimeException e) {
            loaded.values().forEach(TextClassifier::close);
            throw e;
        }
    }
}

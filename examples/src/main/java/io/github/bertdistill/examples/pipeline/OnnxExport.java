package io.github.bertdistill.examples.pipeline;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.onnx.OnnxGraph;
import io.github.bertdistill.core.storage.ModelDirectory;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.onnx.HfTokenizerJson;
import io.github.bertdistill.student.onnx.TextCnnOnnxGraph;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.onnx.BertOnnxGraph;
import io.github.bertdistill.teacher.onnx.OnnxClassifier;
import io.github.bertdistill.teacher.weights.HfCheckpoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a teacher or student folder as an ONNX folder that runs outside the JVM: {@code
 * model.onnx} (teacher-bert's {@code BertOnnxGraph} or student-textcnn's {@code TextCnnOnnxGraph};
 * int64 inputs with dynamic batch and length, output {@code logits}), {@code labels.json}, {@code
 * config.json} ({@code max_length}, the inputs, where it came from), the tokenizer — {@code
 * tokenizer.json} for a teacher and a WordPiece student, {@code vocab.txt} for every student and
 * {@code bert_distill_words.py} (the word rule in Python) for a word or character student — and a
 * {@code README.md} with the Python lines that run it.
 *
 * <p>A folder with {@code model.onnx}, {@code tokenizer.json} and {@code labels.json} is itself an
 * ONNX model folder of {@link ModelFolders}: an exported teacher (or WordPiece student) can be
 * given to {@code predict}, {@code evaluate}, {@code bench} and {@code teacher.finetuned}. The
 * folder is written atomically and never over an existing, non-empty one.
 */
public final class OnnxExport {
    /** The student's vocabulary, one token per line in id order. */
    public static final String VOCABULARY_FILE = "vocab.txt";

    /** A word or character student's tokenizer in Python, written beside its vocabulary. */
    public static final String PYTHON_TOKENIZER = "bert_distill_words.py";

    private static final String README = "README.md";

    private OnnxExport() {}

    /**
     * Exports the model in {@code source} to the new folder {@code target}.
     *
     * @throws IllegalArgumentException if {@code source} is already an export, or {@code target}
     *     exists and is not empty
     * @throws ModelFolderException if {@code source} is no model folder
     */
    public static void write(Path source, Path target) throws IOException {
        ModelFolders.Kind kind = ModelFolders.kind(source);
        if (kind != ModelFolders.Kind.TEACHER && kind != ModelFolders.Kind.STUDENT) {
            throw new IllegalArgumentException(
                    source
                            + (kind == ModelFolders.Kind.ONNX ? " is an ONNX" : " is a TorchScript")
                            + " export already; export takes a teacher or student that"
                            + " bert-distill saved");
        }
        if (Files.isDirectory(target)) {
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(
                            target
                                    + " exists and is not empty: give a new --output folder (an"
                                    + " export never replaces files)");
                }
            }
        }
        try (EncodingClassifier model = ModelFolders.load(source)) {
            write(model, source, target);
        }
    }

    /**
     * Exports {@code model}, a teacher or student loaded from {@code source}, to {@code target},
     * which must not hold files.
     */
    static void write(EncodingClassifier model, Path source, Path target) throws IOException {
        Exported exported = describe(model);
        ModelDirectory.write(
                target,
                staging -> {
                    exported.graph()
                            .write(
                                    staging.resolve(ModelFolders.ONNX_FILE),
                                    OnnxClassifier.PRODUCER,
                                    "1");
                    staging.writeLabels(model.labels());
                    staging.writeConfig(config(exported, model, source));
                    if (exported.tokenizerJson().isPresent()) {
                        staging.writeString(
                                HfCheckpoint.TOKENIZER_FILE, exported.tokenizerJson().get());
                    }
                    if (exported.vocabulary() != null) {
                        staging.writeString(VOCABULARY_FILE, exported.vocabulary());
                    }
                    if (exported.tokenizerJson().isEmpty()) {
                        staging.writeString(PYTHON_TOKENIZER, resource(PYTHON_TOKENIZER));
                    }
                    staging.writeString(README, readme(exported));
                });
    }

    /** What an export holds besides labels and config. */
    private record Exported(
            String kind,
            OnnxGraph graph,
            List<String> inputs,
            Optional<String> tokenizerJson,
            String vocabulary) {}

    private static Exported describe(EncodingClassifier model) {
        if (model instanceof BertClassifier teacher) {
            return new Exported(
                    "teacher",
                    BertOnnxGraph.of(teacher),
                    List.of("input_ids", "attention_mask", "token_type_ids"),
                    Optional.of(
                            new String(
                                    teacher.tokenizer().toJsonAsEncoded(), StandardCharsets.UTF_8)),
                    null);
        }
        TextCnnClassifier student = (TextCnnClassifier) model;
        return new Exported(
                "student",
                TextCnnOnnxGraph.of(student),
                List.of("input_ids", "attention_mask"),
                HfTokenizerJson.of(student.vocabulary(), student.encoder().maxLength()),
                student.vocabulary().vocabulary().toText());
    }

    private static JsonObject config(Exported exported, EncodingClassifier model, Path source) {
        JsonObject config = new JsonObject();
        config.addProperty("format", "bert-distill/onnx");
        config.addProperty("exported_from", exported.kind());
        config.addProperty("source", source.normalize().toString());
        config.addProperty("max_length", model.encoder().maxLength());
        JsonArray inputs = new JsonArray();
        exported.inputs().forEach(inputs::add);
        config.add("inputs", inputs);
        config.addProperty("output", "logits");
        config.addProperty("opset", OnnxGraph.OPSET);
        if (model instanceof TextCnnClassifier student) {
            config.addProperty(
                    "vocabulary", student.vocabulary().kind().name().toLowerCase(Locale.ROOT));
            config.addProperty("lower_case", student.vocabulary().lowerCase());
            config.addProperty("bigrams", student.vocabulary().bigrams());
        }
        return config;
    }

    /** The folder's README: the template with the model's inputs and tokenizer filled in. */
    private static String readme(Exported exported) throws IOException {
        boolean hfTokenizer = exported.tokenizerJson().isPresent();
        String tokenizer =
                hfTokenizer
                        ? "`tokenizer.json` (Hugging Face tokenizers)"
                        : "`vocab.txt` and `" + PYTHON_TOKENIZER + "` (below)";
        String python =
                hfTokenizer
                        ? resource("onnx-export-python-tokenizer.md")
                                .replace(
                                        "{{token_types}}\n",
                                        exported.inputs().contains("token_type_ids")
                                                ? "    \"token_type_ids\": np.zeros_like(ids),\n"
                                                : "")
                        : resource("onnx-export-python-words.md");
        return resource("onnx-export-README.md")
                .replace("{{kind}}", exported.kind())
                .replace("{{tokenizer}}", tokenizer)
                .replace("{{python}}\n", python);
    }

    /** A text file of this package's resources. */
    private static String resource(String name) throws IOException {
        try (InputStream in = OnnxExport.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.github.bertdistill.examples.pipeline;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.storage.InputLocation;
import io.github.bertdistill.core.storage.ModelDirectory;
import io.github.bertdistill.distill.cache.TeacherFingerprint;
import io.github.bertdistill.eval.report.Roles;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.onnx.OnnxClassifier;
import io.github.bertdistill.teacher.torchscript.TorchScriptClassifier;
import io.github.bertdistill.teacher.weights.HfCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tells what a model folder holds and loads it as a core {@link EncodingClassifier}:
 *
 * <ul>
 *   <li>a BERT teacher, as {@link BertClassifier#save} writes it: {@code config.json} whose {@code
 *       architectures} name {@code BertForSequenceClassification};
 *   <li>a TextCNN student, as {@link TextCnnClassifier#save} writes it: {@code config.json} with
 *       {@code "format": "bert-distill/textcnn"};
 *   <li>a TorchScript classifier brought by the user: {@code model.pt}, {@code tokenizer.json},
 *       {@code labels.json} and optionally {@code config.json} with {@code max_length} (default
 *       128).
 * </ul>
 *
 * <p>Every problem with a folder is reported in one way: {@link NoSuchFileException} if it does not
 * exist, {@link io.github.bertdistill.core.storage.UnusablePathException} if it is a file, and
 * {@link ModelFolderException} naming the folder if it is no model folder or its files cannot be
 * read or loaded, whatever the loader threw.
 */
public final class ModelFolders {
    /** The traced model of a TorchScript folder. */
    public static final String TORCHSCRIPT_FILE = "model.pt";

    /** The graph of an ONNX folder. */
    public static final String ONNX_FILE = "model.onnx";

    private static final String STUDENT_FORMAT = "bert-distill/textcnn";
    private static final String TEACHER_ARCHITECTURE = "BertForSequenceClassification";
    private static final int EXPORTED_MAX_LENGTH = 128;

    /** What a model folder holds. */
    public enum Kind {
        /** A BERT teacher in Hugging Face layout. */
        TEACHER,
        /** A TextCNN student. */
        STUDENT,
        /** A traced classifier with its tokenizer and labels. */
        TORCHSCRIPT,
        /** An exported ONNX classifier with its tokenizer and labels. */
        ONNX
    }

    private ModelFolders() {}

    /** Reads or loads something from a model folder. */
    @FunctionalInterface
    private interface FolderAction<T> {
        T apply() throws IOException;
    }

    /**
     * The kind of model in {@code folder}.
     *
     * @throws NoSuchFileException if the folder does not exist
     * @throws io.github.bertdistill.core.storage.UnusablePathException if it is a file
     * @throws ModelFolderException if it is none of the three kinds
     */
    public static Kind kind(Path folder) throws IOException {
        InputLocation.requireFolder(folder, "model folder");
        if (Files.isRegularFile(folder.resolve(TORCHSCRIPT_FILE))) {
            return Kind.TORCHSCRIPT;
        }
        if (Files.isRegularFile(folder.resolve(ONNX_FILE))) {
            return Kind.ONNX;
        }
        if (Files.isRegularFile(folder.resolve(ModelDirectory.CONFIG_FILE))) {
            Kind kind = reading(folder, () -> configuredKind(ModelDirectory.readConfig(folder)));
            if (kind != null) {
                return kind;
            }
        }
        throw new ModelFolderException(
                folder
                        + " is not a model folder: expected a teacher (config.json with"
                        + " architectures ["
                        + TEACHER_ARCHITECTURE
                        + "]), a TextCNN student (config.json with format "
                        + STUDENT_FORMAT
                        + "), a TorchScript model ("
                        + TORCHSCRIPT_FILE
                        + ", tokenizer.json, labels.json) or an ONNX model ("
                        + ONNX_FILE
                        + ", tokenizer.json, labels.json)");
    }

    /** The kind a {@code config.json} names, or null. */
    private static Kind configuredKind(JsonObject config) {
        if (config.has("format") && STUDENT_FORMAT.equals(config.get("format").getAsString())) {
            return Kind.STUDENT;
        }
        if (config.has("architectures")
                && config.getAsJsonArray("architectures")
                        .contains(new JsonPrimitive(TEACHER_ARCHITECTURE))) {
            return Kind.TEACHER;
        }
        return null;
    }

    /**
     * The classes of the model in {@code folder}, read without loading the model.
     *
     * @throws ModelFolderException if they cannot be read
     */
    public static LabelSet labels(Path folder) throws IOException {
        kind(folder);
        return reading(folder, () -> ModelDirectory.readLabels(folder));
    }

    /**
     * Starts the engine and loads the model in {@code folder}, whatever its {@link Kind}.
     *
     * @throws ModelFolderException naming the folder if its files cannot be loaded
     */
    public static EncodingClassifier load(Path folder) throws IOException {
        Kind kind = kind(folder);
        EngineBootstrap.start();
        return reading(folder, () -> loadKind(folder, kind));
    }

    /** The file that holds the weights of the model in {@code folder}, whatever its kind. */
    public static Path weightsFile(Path folder) throws IOException {
        return switch (kind(folder)) {
            case TORCHSCRIPT -> folder.resolve(TORCHSCRIPT_FILE);
            case ONNX -> folder.resolve(ONNX_FILE);
            case TEACHER, STUDENT -> folder.resolve(HfCheckpoint.WEIGHTS_FILE);
        };
    }

    /**
     * The parts of the fingerprint that stamps the logit cache of the teacher {@code model} loaded
     * from {@code folder} (the labelling runtime may add one, see {@link SoftTargetRuntime}): the
     * weights, config, tokenizer and maximum length — a BERT folder's {@code model.safetensors} and
     * {@code config.json}, or an export's {@code model.pt} or {@code model.onnx} (and its {@code
     * config.json} if it has one).
     */
    public static TeacherFingerprint.Builder fingerprint(Path folder, EncodingClassifier model)
            throws IOException {
        Path config = folder.resolve(ModelDirectory.CONFIG_FILE);
        return TeacherFingerprint.builder()
                .setWeights(weightsFile(folder))
                .setConfig(
                        Files.exists(config)
                                ? Files.readString(config, StandardCharsets.UTF_8)
                                : "")
                .setTokenizerSettings(
                        Files.readString(
                                folder.resolve(HfCheckpoint.TOKENIZER_FILE),
                                StandardCharsets.UTF_8))
                .setMaxLength(model.encoder().maxLength());
    }

    /**
     * Copies the model folder {@code source}, checked to be one, to {@code target}, atomically (a
     * kill leaves no half-copied folder).
     */
    public static void copy(Path source, Path target) throws IOException {
        kind(source);
        ModelDirectory.write(target, staging -> staging.copyFrom(source));
    }

    private static EncodingClassifier loadKind(Path folder, Kind kind) throws IOException {
        Path tokenizer = folder.resolve(HfCheckpoint.TOKENIZER_FILE);
        return switch (kind) {
            case TEACHER -> BertClassifier.load(folder);
            case STUDENT -> TextCnnClassifier.load(folder);
            case TORCHSCRIPT ->
                    TorchScriptClassifier.load(
                            folder.resolve(TORCHSCRIPT_FILE),
                            tokenizer,
                            ModelDirectory.readLabels(folder),
                            exportedMaxLength(folder));
            case ONNX -> {
                if (!Files.exists(tokenizer)
                        && Files.isRegularFile(folder.resolve(OnnxExport.PYTHON_TOKENIZER))) {
                    throw new IOException(
                            folder
                                    + " is the ONNX export of a word or character student, which"
                                    + " runs outside the JVM (see its README.md): give the student"
                                    + " folder it was exported from");
                }
                yield OnnxClassifier.load(
                        folder.resolve(ONNX_FILE),
                        tokenizer,
                        ModelDirectory.readLabels(folder),
                        exportedMaxLength(folder));
            }
        };
    }

    /**
     * Runs {@code action} on {@code folder}; whatever it throws (the loaders throw I/O errors,
     * malformed JSON, shape mismatches, engine errors) becomes one {@link ModelFolderException}.
     */
    private static <T> T reading(Path folder, FolderAction<T> action) throws ModelFolderException {
        try {
            return action.apply();
        } catch (IOException | RuntimeException e) {
            throw ModelFolderException.cannotLoad(folder, e);
        }
    }

    /**
     * The engine that runs the model in {@code folder} when it is not PyTorch, which runs every
     * other kind: ONNX Runtime for an ONNX folder. A report names it beside the model.
     */
    public static Optional<EngineInfo> engineOtherThanPyTorch(Path folder) throws IOException {
        return kind(folder) == Kind.ONNX
                ? Optional.of(OnnxClassifier.engineInfo())
                : Optional.empty();
    }

    /**
     * The report role of the model in {@code folder} when none is given: the folder's name when it
     * is one of {@link Roles} ({@code student-kd}, as in a run folder), otherwise {@code teacher}
     * for a BERT or TorchScript model and {@code student} for a TextCNN.
     */
    public static String role(Path folder) throws IOException {
        String name = folder.toAbsolutePath().normalize().getFileName().toString();
        if (List.of(Roles.TEACHER, Roles.STUDENT_HARD, Roles.STUDENT_KD, Roles.STUDENT_KD_AUG)
                .contains(name)) {
            return name;
        }
        return kind(folder) == Kind.STUDENT ? "student" : Roles.TEACHER;
    }

    private static int exportedMaxLength(Path folder) throws IOException {
        if (!Files.isRegularFile(folder.resolve(ModelDirectory.CONFIG_FILE))) {
            return EXPORTED_MAX_LENGTH;
        }
        JsonElement maxLength = ModelDirectory.readConfig(folder).get("max_length");
        return maxLength == null ? EXPORTED_MAX_LENGTH : maxLength.getAsInt();
    }
}

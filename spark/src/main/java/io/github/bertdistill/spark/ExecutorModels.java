package io.github.bertdistill.spark;

import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.distill.cache.TeacherFingerprint;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.onnx.OnnxClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models of an executor JVM: each model folder is loaded once, by the first task that needs it,
 * and shared by every task of the JVM (the classifiers may be used from several threads at once). A
 * folder whose fingerprint differs from the one the driver checked (another copy of the model
 * shipped to this machine) is refused, so that no record is computed by another model.
 */
final class ExecutorModels {
    private static final Map<String, EncodingClassifier> MODELS = new ConcurrentHashMap<>();
    private static final Map<String, EncodingClassifier> ONNX_TEACHERS = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /** The hash of every file of a model folder, whatever its kind. */
    static String identity(Path folder) throws IOException {
        return TeacherFingerprint.hashOf(folder);
    }

    /**
     * The model in {@code folder}, loaded on first use.
     *
     * @throws IllegalStateException if the folder's {@link #identity} is not {@code expected}
     */
    static EncodingClassifier get(String folder, String expected) {
        return MODELS.computeIfAbsent(folder + "\n" + expected, key -> load(folder, expected));
    }

    /**
     * What labels with the teacher in {@code folder}: the model itself, or with {@code onnx} its
     * ONNX graph on ONNX Runtime (built once per JVM from the checked folder; the driver compared
     * that graph with the PyTorch forward before the job started).
     */
    static EncodingClassifier labeller(String folder, String expected, boolean onnx) {
        EncodingClassifier teacher = get(folder, expected);
        if (!onnx) {
            return teacher;
        }
        return ONNX_TEACHERS.computeIfAbsent(
                folder + "\n" + expected,
                key -> {
                    try {
                        return OnnxClassifier.of((BertClassifier) teacher);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static EncodingClassifier load(String folder, String expected) {
        Path path = Path.of(folder);
        try {
            String found = identity(path);
            if (!found.equals(expected)) {
                throw new IllegalStateException(
                        "the model folder "
                                + folder
                                + " on this executor differs from the driver's (files hash to "
                                + found
                                + ", not "
                                + expected
                                + "): every machine must see the same model");
            }
            return ModelFolders.load(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.bertdistill.examples.pipeline;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.storage.ModelDirectory;
import io.github.bertdistill.eval.ModelSpec;
import io.github.bertdistill.eval.footprint.Footprint;
import io.github.bertdistill.examples.recipe.ReportEngine;
import io.github.bertdistill.teacher.onnx.OnnxClassifier;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a report compares, on the engine {@code engine.reportWith} names ({@link
 * ReportEngine}): the run's folders as they were trained, or each one exported to ONNX as {@code
 * bert-distill export} writes it, into {@link RunFolder#reportExports()}, so that teacher and
 * students are scored and timed on ONNX Runtime alike. An exported model keeps the trained one's
 * parameter count and configuration in the report; its size on disk is the export's, what a team
 * would ship. A teacher brought as an ONNX folder is used as it is. Closing removes the exports.
 */
final class ReportModels implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportModels.class);

    private final Path exports;

    private ReportModels(Path exports) {
        this.exports = exports;
    }

    /**
     * The models of {@code run} on {@code engine}; for ONNX Runtime, an empty exports folder
     * (removing one a killed report left).
     */
    static ReportModels of(ReportEngine engine, RunFolder run) throws IOException {
        if (engine == ReportEngine.PYTORCH) {
            return new ReportModels(null);
        }
        Path exports = run.reportExports();
        if (Files.exists(exports)) {
            MoreFiles.deleteRecursively(exports, RecursiveDeleteOption.ALLOW_INSECURE);
        }
        return new ReportModels(Files.createDirectories(exports));
    }

    /** What runs the models, for the report's environment. */
    EngineInfo engineInfo() {
        return exports == null ? EngineBootstrap.start() : OnnxClassifier.engineInfo();
    }

    /**
     * A spec of the model in {@code folder} with its loader and folder set (and, for an export, the
     * trained model's parameter count and configuration).
     *
     * @throws IllegalArgumentException if the model must run on ONNX Runtime and is a TorchScript
     *     export
     */
    ModelSpec.Builder spec(Path folder) throws IOException {
        ModelSpec.Builder spec = ModelSpec.builder();
        if (exports == null) {
            // a fine-tuned teacher given as an ONNX folder runs on ONNX Runtime all the same
            ModelFolders.engineOtherThanPyTorch(folder).ifPresent(spec::optEngine);
        }
        Path served = exports == null ? folder : exported(folder, spec);
        return spec.setLoader(() -> ModelFolders.load(served)).optModelDir(served);
    }

    private Path exported(Path folder, ModelSpec.Builder spec) throws IOException {
        ModelFolders.Kind kind = ModelFolders.kind(folder);
        if (kind == ModelFolders.Kind.ONNX) {
            return folder;
        }
        if (kind == ModelFolders.Kind.TORCHSCRIPT) {
            throw new IllegalArgumentException(
                    "engine.reportWith is onnx-runtime, but "
                            + folder
                            + " holds a TorchScript model, which cannot be exported to ONNX: set"
                            + " engine.reportWith to pytorch");
        }
        Path target = exports.resolve(folder.getFileName().toString());
        LOG.info("exporting {} to {} for ONNX Runtime", folder, target);
        try (EncodingClassifier model = ModelFolders.load(folder)) {
            Footprint.countParameters(model).ifPresent(spec::optParameters);
            OnnxExport.write(model, folder, target);
        }
        spec.optConfig(ModelDirectory.readConfig(folder));
        return target;
    }

    @Override
    public void close() throws IOException {
        if (exports != null) {
            MoreFiles.deleteRecursively(exports, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }
}

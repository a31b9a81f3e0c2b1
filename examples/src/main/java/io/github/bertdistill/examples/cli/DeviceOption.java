package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.engine.ComputeDevice;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.engine.ThreadSettings;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import picocli.CommandLine.Option;

/**
 * {@code --device}: where models run ({@link ComputeDevice}). On the recipe commands it sets the
 * recipe's {@code engine.device}; on {@code predict}, {@code evaluate} and {@code bench} it starts
 * the engine on that device before any model is loaded.
 */
final class DeviceOption {
    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            description =
                    "Where PyTorch runs models: auto (the default: the first GPU if DJL's CUDA"
                            + " natives see one, else the CPU), cpu, gpu, or gpu:N for GPU number"
                            + " N; ONNX folders run on the CPU.")
    String device;

    /** The {@code --set} that puts the option into a recipe, if it was given. */
    String asOverride() {
        return device == null ? null : "engine.device=" + device;
    }

    /**
     * Starts the engine on the chosen device (or the default) for the models in {@code folders} and
     * returns it.
     *
     * @throws IllegalArgumentException if the option is malformed, names a missing GPU, or names a
     *     GPU for ONNX folders only
     * @throws IOException if a folder is not a model folder
     */
    EngineInfo startEngine(Collection<Path> folders) throws IOException {
        return startEngine(ThreadSettings.fromSystemProperties(), folders);
    }

    /**
     * Starts the engine on the chosen device (or the default) with {@code threads} for the models
     * in {@code folders}. A GPU asked for models that are all ONNX folders is refused: they run on
     * ONNX Runtime's CPU build, and the GPU would go unused.
     *
     * @throws IllegalArgumentException if the option is malformed, names a missing GPU, or names a
     *     GPU for ONNX folders only
     * @throws IOException if a folder is not a model folder
     */
    EngineInfo startEngine(ThreadSettings threads, Collection<Path> folders) throws IOException {
        ComputeDevice chosen;
        try {
            chosen =
                    device == null
                            ? ComputeDevice.fromSystemProperties()
                            : ComputeDevice.parse(device);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
        if (chosen.kind() == ComputeDevice.Kind.GPU && allOnnx(folders)) {
            throw new IllegalArgumentException(
                    "--device "
                            + chosen
                            + ": ONNX folders run on ONNX Runtime's CPU build; --device places"
                            + " the models PyTorch runs (give cpu or auto)");
        }
        return EngineBootstrap.start(threads, chosen);
    }

    private static boolean allOnnx(Collection<Path> folders) throws IOException {
        for (Path folder : folders) {
            if (ModelFolders.kind(folder) != ModelFolders.Kind.ONNX) {
                return false;
            }
        }
        return !folders.isEmpty();
    }
}

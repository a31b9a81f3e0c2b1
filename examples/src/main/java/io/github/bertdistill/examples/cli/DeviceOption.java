package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.engine.ComputeDevice;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.engine.ThreadSettings;
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
                    "auto (the default: the first GPU if DJL's CUDA natives see one, else the"
                            + " CPU), cpu, gpu or gpu:N: where PyTorch runs models; ONNX folders"
                            + " run on the CPU.")
    String device;

    /** The {@code --set} that puts the option into a recipe, if it was given. */
    String asOverride() {
        return device == null ? null : "engine.device=" + device;
    }

    /**
     * Starts the engine on the chosen device (or the default) and returns it.
     *
     * @throws IllegalArgumentException if the option is malformed or names a missing GPU
     */
    EngineInfo startEngine() {
        return startEngine(ThreadSettings.fromSystemProperties());
    }

    /**
     * Starts the engine on the chosen device (or the default) with {@code threads}.
     *
     * @throws IllegalArgumentException if the option is malformed or names a missing GPU
     */
    EngineInfo startEngine(ThreadSettings threads) {
        ComputeDevice chosen;
        try {
            chosen =
                    device == null
                            ? ComputeDevice.fromSystemProperties()
                            : ComputeDevice.parse(device);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("--device: " + e.getMessage(), e);
        }
        return EngineBootstrap.start(threads, chosen);
    }
}

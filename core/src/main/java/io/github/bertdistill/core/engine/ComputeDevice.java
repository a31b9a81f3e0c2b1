package io.github.bertdistill.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.github.bertdistill.core.config.ConfigException;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the models of a run live and compute: {@code auto} (the engine's default: the first GPU
 * when the CUDA natives see one, else the CPU), {@code cpu}, {@code gpu} (the first GPU) or {@code
 * gpu:N}. Everything the project creates — model parameters, input batches, training state — is
 * made on this device through {@link EngineBootstrap#newManager()}, so the same code runs on a CUDA
 * build of DJL's PyTorch natives (see core's README for the artifacts).
 *
 * <p>Written in configs as its {@link #toString() name} ({@code "engine": {"device": "gpu:1"}}).
 *
 * @param kind automatic, CPU or GPU
 * @param gpu the GPU's index (0 unless {@code kind} is {@link Kind#GPU})
 */
@JsonAdapter(ComputeDevice.Json.class)
public record ComputeDevice(Kind kind, int gpu) {
    /** The engine's default device. */
    public static final ComputeDevice AUTO = new ComputeDevice(Kind.AUTO, 0);

    /** The CPU. */
    public static final ComputeDevice CPU = new ComputeDevice(Kind.CPU, 0);

    /** System property that sets the device of a JVM that has no recipe, e.g. for benchmarks. */
    public static final String PROPERTY = "bertdistill.device";

    private static final Pattern NAME = Pattern.compile("(auto|cpu|gpu)(?::(\\d+))?");

    /** What kind of device. */
    public enum Kind {
        /** The engine's default. */
        AUTO,
        /** The CPU. */
        CPU,
        /** A CUDA GPU. */
        GPU
    }

    /**
     * The device called {@code name}: {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}.
     *
     * @throws ConfigException if {@code name} is none of these
     */
    public static ComputeDevice parse(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
        ConfigException.require(
                m.matches() && (m.group(2) == null || m.group(1).equals("gpu")),
                "",
                "expected auto, cpu, gpu or gpu:N, got \"%s\"",
                name);
        Kind kind = Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
        return new ComputeDevice(kind, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /** The device of {@link #PROPERTY}, or {@link #AUTO}. */
    public static ComputeDevice fromSystemProperties() {
        String name = System.getProperty(PROPERTY);
        return name == null ? AUTO : parse(name);
    }

    /**
     * The DJL device this names on {@code engine}.
     *
     * @throws IllegalArgumentException if it names a GPU the engine does not have, saying what the
     *     engine has and how to get CUDA natives
     */
    public Device resolve(Engine engine) {
        return switch (kind) {
            case AUTO -> engine.defaultDevice();
            case CPU -> Device.cpu();
            case GPU -> {
                int gpus = engine.getGpuCount();
                if (gpu >= gpus) {
                    throw new IllegalArgumentException(
                            String.format(
                                    Locale.ROOT,
                                    "device %s asked for, but the PyTorch engine sees %s: use"
                                            + " cpu or auto, or run with DJL's CUDA natives"
                                            + " instead of pytorch-native-cpu (see core's README)",
                                    this,
                                    gpus == 0 ? "no GPU" : gpus + " GPU(s)"));
                }
                yield Device.gpu(gpu);
            }
        };
    }

    /** {@code auto}, {@code cpu} or {@code gpu:N}. */
    @Override
    public String toString() {
        return kind == Kind.GPU ? "gpu:" + gpu : kind.name().toLowerCase(Locale.ROOT);
    }

    /** Reads and writes the device as its name. */
    static final class Json extends TypeAdapter<ComputeDevice> {
        @Override
        public void write(JsonWriter out, ComputeDevice device) throws IOException {
            out.value(device.toString());
        }

        @Override
        public ComputeDevice read(JsonReader in) throws IOException {
            return parse(in.nextString());
        }
    }
}

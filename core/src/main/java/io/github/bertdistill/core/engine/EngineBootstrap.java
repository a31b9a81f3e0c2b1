package io.github.bertdistill.core.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point that the command line, benchmarks and tests call before touching DJL.
 *
 * <p>It makes DJL safe to run without a network, then loads the PyTorch engine by name:
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true}: DJL never downloads natives, models or tokenizers;
 *   <li>{@code OPT_OUT_TRACKING=true}: no telemetry or cloud-metadata probe at start-up;
 *   <li>the {@link ThreadSettings} as DJL's PyTorch thread properties, read once when the engine
 *       loads.
 * </ul>
 *
 * The natives come from the {@code pytorch-native-cpu} jar on the class path and are unpacked into
 * {@code ~/.djl.ai} on the first start (about 445 MB); later starts reuse them. If they cannot be
 * loaded, {@link #start} throws an {@link EngineStartException} that says what to check.
 */
public final class EngineBootstrap {
    /** The engine bert-distill runs on. */
    public static final String ENGINE_NAME = "PyTorch";

    private static final Logger LOG = LoggerFactory.getLogger(EngineBootstrap.class);
    private static EngineInfo started;
    private static Device device;

    private EngineBootstrap() {}

    /**
     * Starts the engine with the thread settings and the device given on the command line ({@link
     * ThreadSettings#fromSystemProperties}, {@link ComputeDevice#fromSystemProperties}), if any.
     */
    public static EngineInfo start() {
        return start(ThreadSettings.fromSystemProperties(), ComputeDevice.fromSystemProperties());
    }

    /** Starts the engine with {@code threads} on the device given on the command line, if any. */
    public static EngineInfo start(ThreadSettings threads) {
        return start(threads, ComputeDevice.fromSystemProperties());
    }

    /**
     * Starts the PyTorch engine offline with {@code threads}, making models and batches on {@code
     * computeDevice}; later calls return the running engine (threads and device cannot change once
     * it is loaded, so a different request is logged and ignored).
     *
     * @throws EngineStartException if the engine or its natives cannot be loaded
     * @throws IllegalArgumentException if {@code computeDevice} names a GPU the engine lacks
     */
    public static synchronized EngineInfo start(
            ThreadSettings threads, ComputeDevice computeDevice) {
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(computeDevice, "computeDevice");
        if (started != null) {
            if (!started.threads().equals(threads)) {
                LOG.warn(
                        "PyTorch engine already running with {}; ignoring the request for {}",
                        started.threads().describe(),
                        threads.describe());
            }
            if (computeDevice.kind() != ComputeDevice.Kind.AUTO
                    && !computeDevice.resolve(Engine.getEngine(ENGINE_NAME)).equals(device)) {
                LOG.warn(
                        "PyTorch engine already running on {}; ignoring the request for {}",
                        device,
                        computeDevice);
            }
            return started;
        }
        applyOfflineSettings();
        applyThreadSettings(threads);
        long begin = System.nanoTime();
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE_NAME);
        } catch (EngineException | IllegalArgumentException | UnsatisfiedLinkError e) {
            throw new EngineStartException(
                    "The PyTorch engine could not start: "
                            + e.getMessage()
                            + ". Check that ai.djl.pytorch:pytorch-engine, pytorch-jni and"
                            + " pytorch-native-cpu (classifier linux-x86_64) are on the class"
                            + " path, and that ~/.djl.ai (or DJL_CACHE_DIR) is writable.",
                    e);
        }
        double startupMillis = (System.nanoTime() - begin) / 1e6;
        device = computeDevice.resolve(engine);
        started =
                new EngineInfo(
                        engine.getEngineName(),
                        engine.getVersion(),
                        Engine.getDjlVersion(),
                        threads,
                        device.toString(),
                        startupMillis);
        LOG.debug("{}", started.describe());
        return started;
    }

    /** The device models and batches are made on; starts the engine with defaults if needed. */
    public static synchronized Device device() {
        start();
        return device;
    }

    /**
     * A new base manager of the engine on {@link #device()}: every model, batch and training state
     * of the project is made through one, so nothing assumes the CPU. Close it when done.
     */
    public static NDManager newManager() {
        return NDManager.newBaseManager(device(), ENGINE_NAME);
    }

    /** Whether {@link #start} has succeeded in this JVM. */
    public static synchronized boolean isStarted() {
        return started != null;
    }

    private static void applyOfflineSettings() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    private static void applyThreadSettings(ThreadSettings threads) {
        setOrClear(ThreadSettings.INTRA_OP_PROPERTY, threads.intraOpThreads());
        setOrClear(ThreadSettings.INTER_OP_PROPERTY, threads.interOpThreads());
    }

    private static void setOrClear(String property, int threads) {
        if (threads > 0) {
            System.setProperty(property, Integer.toString(threads));
        } else {
            System.clearProperty(property);
        }
    }
}

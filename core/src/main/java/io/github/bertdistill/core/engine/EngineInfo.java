package io.github.bertdistill.core.engine;

import java.util.Locale;

/**
 * What {@link EngineBootstrap} started: reported in logs, benchmarks and reports.
 *
 * @param engineName the engine's name ("PyTorch")
 * @param engineVersion the native library's version (e.g. 2.7.1)
 * @param djlVersion DJL's version
 * @param threads the thread settings the engine was loaded with
 * @param device the DJL device models and batches are made on, e.g. {@code cpu()}
 * @param startupMillis wall time of loading the engine in this JVM
 */
public record EngineInfo(
        String engineName,
        String engineVersion,
        String djlVersion,
        ThreadSettings threads,
        String device,
        double startupMillis) {

    /** One line for logs. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s %s on DJL %s (%s, device %s), started in %.0f ms",
                engineName,
                engineVersion,
                djlVersion,
                threads.describe(),
                device,
                startupMillis);
    }
}

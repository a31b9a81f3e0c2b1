package io.github.bertdistill.core.engine;

import static com.google.common.base.Preconditions.checkState;

import ai.djl.pytorch.jni.JniUtils;
import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * PyTorch's operator profiler around a region of code: every engine operation ({@code aten::…})
 * that runs while it is open, with its start, duration, thread and input shapes, lands in a trace
 * file in the Chrome trace format (open it in Perfetto or {@code chrome://tracing}).
 *
 * <p>The profiler is process-wide: one may be open at a time, and it records the operations of
 * every thread. It records engine operations only: Java work (tokenisation, copying results out)
 * shows as the gaps between them. It slows each operation down by a few microseconds, so read its
 * times as shares and orders of magnitude, and measure latency with the benchmark instead.
 *
 * <pre>{@code
 * try (EngineProfiler profiler = EngineProfiler.start(Path.of("cnn.trace.json"))) {
 *     classifier.logits(texts);
 * }
 * }</pre>
 */
public final class EngineProfiler implements AutoCloseable {
    private static EngineProfiler open;

    private final Path trace;
    private boolean closed;

    private EngineProfiler(Path trace) {
        this.trace = trace;
    }

    /**
     * Starts recording; {@link #close()} writes the trace to {@code trace}. Starts the engine if
     * needed.
     *
     * @throws IllegalStateException if another profiler is open
     */
    public static EngineProfiler start(Path trace) {
        EngineBootstrap.start();
        synchronized (EngineProfiler.class) {
            checkState(open == null, "a profiler is already recording to %s", traceOfOpen());
            JniUtils.startProfile(false, true, false);
            open = new EngineProfiler(trace);
            return open;
        }
    }

    private static Path traceOfOpen() {
        return open == null ? null : open.trace;
    }

    /**
     * Stops recording and writes the trace atomically (the engine writes it beside the target
     * first, then it replaces the target whole).
     *
     * @throws IOException naming the trace file if it cannot be written
     */
    @Override
    public void close() throws IOException {
        synchronized (EngineProfiler.class) {
            if (closed) {
                return;
            }
            closed = true;
            open = null;
            Path folder = trace.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path staged = folder.resolve("." + trace.getFileName() + "." + UUID.randomUUID());
            try {
                JniUtils.stopProfile(staged.toString());
                if (!Files.exists(staged)) {
                    throw new IOException("cannot write " + trace + ": the engine wrote no trace");
                }
                AtomicFiles.write(trace, out -> Files.copy(staged, out));
            } finally {
                Files.deleteIfExists(staged);
            }
        }
    }
}

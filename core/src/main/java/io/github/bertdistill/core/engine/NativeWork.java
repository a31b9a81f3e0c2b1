package io.github.bertdistill.core.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps the JVM's exit away from native work in flight.
 *
 * <p>On SIGTERM or Ctrl-C the JVM runs its shutdown hooks and then exits, and exiting runs the
 * native libraries' static destructors (libtorch's, ONNX Runtime's) while another thread may still
 * be inside them. A training step's backward pass caught there crashes the JVM (SIGSEGV in {@code
 * libtorch_cpu.so}, an {@code hs_err} file, exit code 134) instead of stopping it. So units of
 * native work (a training step, a batch of inference) run through {@link #run}: a shutdown hook
 * waits until the units in flight end, at most {@link #GRACE}, and a unit asked to start after the
 * stop began fails with {@link StoppingException} instead (one nested in a unit in flight still
 * runs). The process then exits as a stopped program does (130 or 143). Files are as safe as
 * before: models and checkpoints are written atomically, and a run folder resumes. A server, whose
 * own graceful stop answers what it admitted before closing its model, {@link #handOverStop hands
 * the stop over} instead.
 */
public final class NativeWork {
    /** The longest the shutdown waits for units in flight; longer than any one step or batch. */
    public static final Duration GRACE = Duration.ofSeconds(60);

    private static final NativeWork PROCESS = new NativeWork();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PROCESS::onShutdown, "native-work-drain"));
    }

    private final ReentrantReadWriteLock units = new ReentrantReadWriteLock();
    private volatile boolean stopping;
    private volatile boolean handedOver;

    NativeWork() {}

    /** A unit of native work was asked to start while the JVM is stopping. */
    public static final class StoppingException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        StoppingException() {
            super("stopped: the process was asked to end (SIGTERM or Ctrl-C)");
        }
    }

    /**
     * Runs {@code unit}, a bounded piece of native work, so that the JVM's exit waits for it.
     *
     * @throws StoppingException if the JVM has begun to stop
     */
    public static <T> T run(Supplier<T> unit) {
        return PROCESS.runUnit(unit);
    }

    <T> T runUnit(Supplier<T> unit) {
        // before the lock: once the drain waits for it, a new reader would block, not fail;
        // after it: a unit that got in as the stop began
        if (stopping && units.getReadHoldCount() == 0) {
            throw new StoppingException();
        }
        units.readLock().lock();
        try {
            if (stopping && units.getReadHoldCount() == 1) {
                throw new StoppingException();
            }
            return unit.get();
        } finally {
            units.readLock().unlock();
        }
    }

    /**
     * Hands this process's stop to its own shutdown hook, which must end all native work before it
     * returns: a server that answers every request it admitted and then closes its model. Units
     * then keep running while the JVM stops.
     */
    public static void handOverStop() {
        PROCESS.handOver();
    }

    void handOver() {
        handedOver = true;
    }

    /** What the shutdown hook does: drain, unless the stop was handed over. */
    void onShutdown() {
        if (!handedOver) {
            drain(GRACE);
        }
    }

    /** Whether the stop has begun. */
    boolean isStopping() {
        return stopping;
    }

    /**
     * Lets no new unit start and waits, up to {@code grace}, for those in flight to end; units
     * never run again. Returns whether all ended in time.
     */
    boolean drain(Duration grace) {
        stopping = true;
        try {
            return units.writeLock().tryLock(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

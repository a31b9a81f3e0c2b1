package io.github.bertdistill.distill.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar with the loss, throughput and estimated time left:
 *
 * <pre>  37% [#######.............] step 74/200  loss 0.4132  812 ex/s  ETA 0:00:31</pre>
 *
 * On a terminal it is redrawn in place ({@code \r}) at most every 200 ms; when the output goes to a
 * file or a pipe (a log), it prints a full line at most every 10 s instead, so logs stay readable.
 * Throughput and ETA are measured from the first step this process ran (a resumed run does not
 * count the steps it skipped). The last step is always shown; a validation prints its own line.
 */
public final class ConsoleProgressBar implements TrainerListener {
    private static final int WIDTH = 20;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final long LOG_LINE_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final LongSupplier clock;
    private final boolean interactive;
    private long startNanos;
    private long lastDrawNanos;
    private long firstStep;
    private long examples;

    /**
     * A bar on {@code out} (usually {@code System.err}), redrawn in place when the JVM has a
     * terminal, printed as log lines otherwise.
     */
    public ConsoleProgressBar(PrintStream out) {
        this(out, System::nanoTime, System.console() != null);
    }

    ConsoleProgressBar(PrintStream out, LongSupplier clock, boolean interactive) {
        this.out = out;
        this.clock = clock;
        this.interactive = interactive;
    }

    @Override
    public void onStart(long step, long totalSteps) {
        startNanos = clock.getAsLong();
        lastDrawNanos = Long.MIN_VALUE;
        firstStep = step;
        examples = 0;
    }

    @Override
    public void onStep(StepMetrics metrics) {
        examples += metrics.examples();
        long now = clock.getAsLong();
        boolean last = metrics.step() == metrics.totalSteps();
        long interval = interactive ? REDRAW_NANOS : LOG_LINE_NANOS;
        if (!last && lastDrawNanos != Long.MIN_VALUE && now - lastDrawNanos < interval) {
            return;
        }
        lastDrawNanos = now;
        String line = line(metrics, (now - startNanos) / 1e9);
        out.print(interactive ? "\r" + line + (last ? "\n" : "") : line + "\n");
        out.flush();
    }

    @Override
    public void onValidation(ValidationMetrics metrics) {
        out.printf(
                "%nstep %d: dev accuracy %.4f (best %.4f)%s%n",
                metrics.step(),
                metrics.accuracy(),
                metrics.bestAccuracy(),
                metrics.improved() ? " *" : "");
        out.flush();
    }

    String line(StepMetrics metrics, double seconds) {
        double fraction = (double) metrics.step() / metrics.totalSteps();
        int filled = (int) Math.round(fraction * WIDTH);
        long done = metrics.step() - firstStep;
        double perStep = done > 0 ? seconds / done : 0;
        long etaSeconds = Math.round(perStep * (metrics.totalSteps() - metrics.step()));
        return String.format(
                "%3d%% [%s%s] step %d/%d  loss %.4f  %.0f ex/s  ETA %s",
                Math.round(fraction * 100),
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                metrics.step(),
                metrics.totalSteps(),
                metrics.loss(),
                seconds > 0 ? examples / seconds : 0.0,
                format(Duration.ofSeconds(etaSeconds)));
    }

    private static String format(Duration duration) {
        return String.format(
                "%d:%02d:%02d",
                duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }
}

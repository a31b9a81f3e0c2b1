package io.github.bertdistill.distill.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private static final class ManualTicker extends Ticker {
        private long nanos;

        @Override
        public long read() {
            return nanos;
        }
    }

    @Test
    void showsCountRateAndEtaIgnoringSkippedWork() {
        ManualTicker ticker = new ManualTicker();
        ProgressReporter progress =
                new ProgressReporter(
                        "teacher logits", "examples", 1000, Duration.ofSeconds(10), ticker);
        progress.skip(400);
        ticker.nanos = TimeUnit.SECONDS.toNanos(10);
        progress.advance(100);

        assertEquals(
                "teacher logits: 500/1000 (50.0%), 10.0 examples/s, ETA 0m50s", progress.line());
    }

    @Test
    void anUnknownTotalShowsCountAndRate() {
        ManualTicker ticker = new ManualTicker();
        ProgressReporter progress =
                new ProgressReporter("neighbours", "words", -1, Duration.ofSeconds(10), ticker);
        ticker.nanos = TimeUnit.SECONDS.toNanos(4);
        progress.advance(10);

        assertEquals("neighbours: 10, 2.5 words/s", progress.line());
    }
}

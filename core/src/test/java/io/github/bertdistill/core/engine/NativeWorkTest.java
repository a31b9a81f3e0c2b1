package io.github.bertdistill.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stop waits for the unit in flight, lets it (and units nested in it) finish, and refuses every
 * unit that would start after it.
 */
class NativeWorkTest {
    @Test
    void theStopWaitsForTheUnitInFlightAndRefusesNewOnes() throws Exception {
        NativeWork work = new NativeWork();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> inFlight =
                CompletableFuture.supplyAsync(
                        () ->
                                work.runUnit(
                                        () -> {
                                            started.countDown();
                                            await(release);
                                            return work.runUnit(() -> "nested runs");
                                        }));
        assertTrue(started.await(10, TimeUnit.SECONDS));

        CompletableFuture<Boolean> drained =
                CompletableFuture.supplyAsync(() -> work.drain(Duration.ofSeconds(30)));
        while (!work.isStopping()) {
            Thread.onSpinWait();
        }
        assertThrows(NativeWork.StoppingException.class, () -> work.runUnit(() -> "new"));
        assertFalse(drained.isDone(), "the stop waits while a unit runs");

        release.countDown();
        assertEquals("nested runs", inFlight.get(10, TimeUnit.SECONDS));
        assertTrue(drained.get(10, TimeUnit.SECONDS), "all units ended within the grace");
        assertThrows(NativeWork.StoppingException.class, () -> work.runUnit(() -> "after"));
    }

    @Test
    void theStopGivesUpAfterItsGrace() {
        NativeWork work = new NativeWork();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture.runAsync(
                () ->
                        work.runUnit(
                                () -> {
                                    started.countDown();
                                    await(release);
                                    return null;
                                }));
        await(started);

        assertFalse(work.drain(Duration.ofMillis(50)));
        release.countDown();
    }

    @Test
    void aStopHandedOverLetsUnitsRun() {
        NativeWork work = new NativeWork();
        work.handOver();

        work.onShutdown();

        assertFalse(work.isStopping());
        assertEquals("answered", work.runUnit(() -> "answered"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

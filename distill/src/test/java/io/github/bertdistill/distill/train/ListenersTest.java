package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListenersTest {
    @TempDir Path dir;

    @Test
    void jsonLinesLogWritesOneObjectPerEvent() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        JsonLinesLog log = new JsonLinesLog(file);
        log.onStart(0, 10);
        log.onStep(step(1, 10));
        log.onValidation(new ValidationMetrics(1, 1, 0.75, 0.75, true));
        log.onEpochEnd(new EpochMetrics(1, 1, 0.5, 16));

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
        assertEquals("step", first.get("event").getAsString());
        assertEquals(0.5, first.get("loss").getAsDouble());
        assertEquals(
                0.75,
                JsonParser.parseString(lines.get(1))
                        .getAsJsonObject()
                        .get("accuracy")
                        .getAsDouble());
    }

    @Test
    void jsonLinesLogFailuresNameTheFileAndTheCause() throws IOException {
        Path blocker = Files.writeString(dir.resolve("training"), "a file, not a folder");
        JsonLinesLog log = new JsonLinesLog(blocker.resolve("metrics.jsonl"));

        UncheckedIOException e =
                assertThrows(UncheckedIOException.class, () -> log.onStep(step(1, 10)));

        assertEquals(
                "cannot append to the metrics log "
                        + blocker.resolve("metrics.jsonl")
                        + ": "
                        + blocker
                        + ": it already exists",
                e.getMessage());
    }

    @Test
    void jsonLinesLogDropsTheLinesARunResumingAtStepSWillRepeat() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        JsonLinesLog log = new JsonLinesLog(file);
        log.onStart(0, 10);
        for (int s = 1; s <= 5; s++) {
            log.onStep(step(s, 10));
        }
        log.onStart(3, 10);

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).contains("\"step\":3"), lines.get(2));
    }

    @Test
    void progressBarShowsLossThroughputAndEta() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ConsoleProgressBar bar =
                new ConsoleProgressBar(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get, true);
        bar.onStart(0, 200);
        now.set(2_000_000_000L);
        bar.onStep(step(50, 200));

        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(
                "\r 25% [#####...............] step 50/200  loss 0.5000  8 ex/s  ETA 0:00:06",
                shown);
    }

    private static StepMetrics step(long step, long total) {
        return new StepMetrics(step, total, 1, 0.5, 1e-3f, 1, 1, 1.0, 16, 0.01);
    }

    @Test
    void progressInALogIsWholeLinesAtMostEveryTenSeconds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ConsoleProgressBar bar =
                new ConsoleProgressBar(
                        new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get, false);
        bar.onStart(0, 200);
        for (int step = 1; step <= 200; step++) {
            now.addAndGet(100_000_000L);
            bar.onStep(step(step, 200));
        }

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("  1% [") && lines[0].contains("step 1/200"), lines[0]);
        assertTrue(lines[2].startsWith("100% ["), lines[2]);
        assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\r"));
    }
}

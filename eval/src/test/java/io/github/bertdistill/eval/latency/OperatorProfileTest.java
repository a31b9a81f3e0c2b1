package io.github.bertdistill.eval.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.engine.EngineProfiler;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.eval.Fixtures;
import io.github.bertdistill.eval.TinyTrainableClassifier;
import io.github.bertdistill.eval.latency.OperatorProfile.Row;
import io.github.bertdistill.eval.latency.OperatorProfile.TraceEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorProfileTest {
    @TempDir Path folder;

    private static Map<String, Row> byName(OperatorProfile profile) {
        return profile.rows().stream().collect(Collectors.toMap(Row::operation, row -> row));
    }

    @Test
    void selfTimeIsTotalLessDirectChildrenPerCall() {
        // two calls on one thread: lstm [0, 100) holds rnn [10, 70), which holds reorder [20, 30);
        // lstm [200, 260) holds rnn [210, 250). Another thread's event starting inside lstm is not
        // its child.
        List<TraceEvent> events =
                List.of(
                        new TraceEvent("aten::lstm", "1", 0, 100),
                        new TraceEvent("aten::rnn", "1", 10, 60),
                        new TraceEvent("aten::reorder", "1", 20, 10),
                        new TraceEvent("aten::lstm", "1", 200, 60),
                        new TraceEvent("aten::rnn", "1", 210, 40),
                        new TraceEvent("aten::add", "2", 50, 8));

        OperatorProfile profile = OperatorProfile.of(events, 2, 500);

        Map<String, Row> rows = byName(profile);
        assertEquals(new Row("aten::lstm", 1, (40 + 20) / 2.0, 80), rows.get("aten::lstm"));
        assertEquals(new Row("aten::rnn", 1, (50 + 40) / 2.0, 50), rows.get("aten::rnn"));
        assertEquals(new Row("aten::reorder", 0.5, 5, 5), rows.get("aten::reorder"));
        assertEquals(new Row("aten::add", 0.5, 4, 4), rows.get("aten::add"));
        assertEquals("aten::rnn", profile.rows().get(0).operation(), "most self time first");
        assertEquals((100 + 60 + 8) / 2.0, profile.engineMicros(), 1e-9);
        assertEquals(250, profile.wallMicros(), 1e-9);
    }

    @Test
    void anEventStartingWhereAnotherEndsIsItsSiblingNotItsChild() {
        List<TraceEvent> events =
                List.of(
                        new TraceEvent("aten::conv1d", "1", 0, 30),
                        new TraceEvent("aten::max", "1", 30, 5));

        Map<String, Row> rows = byName(OperatorProfile.of(events, 1, 40));

        assertEquals(30, rows.get("aten::conv1d").selfMicros(), 1e-9);
        assertEquals(5, rows.get("aten::max").selfMicros(), 1e-9);
    }

    @Test
    void readsBothTraceLayoutsAndNamesTheFileOfABadOne() throws IOException {
        Path array = folder.resolve("array.json");
        Files.writeString(
                array,
                "[{\"name\":\"aten::add\",\"ph\":\"X\",\"ts\":1.5,\"dur\":2,\"tid\":1},"
                        + "{\"name\":\"marker\",\"ph\":\"i\",\"ts\":3}]");
        Path object = folder.resolve("object.json");
        Files.writeString(
                object,
                "{\"traceEvents\":[{\"name\":\"aten::mul\",\"ph\":\"X\",\"ts\":0,\"dur\":4,"
                        + "\"tid\":7,\"pid\":\"CPU\"}]}");
        Path broken = folder.resolve("broken.json");
        Files.writeString(broken, "{\"events\": []}");

        assertEquals(
                List.of(new TraceEvent("aten::add", "/1", 1.5, 2)), OperatorProfile.read(array));
        assertEquals(
                List.of(new TraceEvent("aten::mul", "CPU/7", 0, 4)), OperatorProfile.read(object));
        IOException error = assertThrows(IOException.class, () -> OperatorProfile.read(broken));
        assertTrue(error.getMessage().startsWith(broken.toString()), error.getMessage());
    }

    @Test
    void recordsTheEngineOperationsOfARealModel() throws IOException {
        Path trace = folder.resolve("profiles").resolve("tiny.trace.json");
        try (TextClassifier model = TinyTrainableClassifier.create(Fixtures.LABELS)) {
            OperatorProfile profile =
                    OperatorProfile.record(model, List.of("good film", "bad film"), 5, trace);

            assertTrue(Files.size(trace) > 0);
            assertEquals(5, profile.calls());
            Map<String, Row> rows = byName(profile);
            // the dense layer's matrix product runs once per call
            Row dense = rows.get("aten::addmm");
            assertTrue(dense != null, "no aten::addmm in " + rows);
            assertEquals(1.0, dense.count(), 1e-9);
            assertTrue(
                    profile.engineMicros() > 0 && profile.engineMicros() <= profile.wallMicros());
            String table = profile.render(3);
            assertEquals(5, table.lines().count(), table);
            assertTrue(table.lines().anyMatch(line -> line.startsWith("aten::")), table);
        }
        try (EngineProfiler again = EngineProfiler.start(folder.resolve("again.json"))) {
            assertThrows(
                    IllegalStateException.class,
                    () -> EngineProfiler.start(folder.resolve("third.json")),
                    "one profiler at a time");
        }
        assertTrue(Files.exists(folder.resolve("again.json")));
        assertTrue(
                Files.list(folder).noneMatch(p -> p.getFileName().toString().startsWith(".")),
                "no staged trace left behind");
    }
}

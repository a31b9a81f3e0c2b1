package io.github.bertdistill.eval.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.model.BlockTextClassifier;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.eval.FakeClassifier;
import io.github.bertdistill.eval.Fixtures;
import io.github.bertdistill.eval.TinyTrainableClassifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LatencyBenchmarkTest {
    private final TextDataset dataset = Fixtures.dataset(30);
    private final LatencyBenchmark benchmark = Fixtures.quickBenchmark(dataset);

    @Test
    void ordersASlowerModelAfterAFasterOne() {
        Map<String, TextClassifier> models = new LinkedHashMap<>();
        // Ten times slower per text; no absolute threshold is asserted.
        models.put("slow", new FakeClassifier(Fixtures.LABELS, Fixtures::gold, 1_000_000));
        models.put("fast", new FakeClassifier(Fixtures.LABELS, Fixtures::gold, 100_000));

        LatencyReport report = benchmark.run(models);

        LatencyResult slow = report.models().get(0);
        LatencyResult fast = report.models().get(1);
        assertEquals("slow", slow.name());
        assertTrue(fast.batch1EndToEnd().p50() < slow.batch1EndToEnd().p50(), fast + " " + slow);
        for (int size : List.of(4, 8)) {
            assertTrue(
                    fast.throughputPerSecond().get(size) > slow.throughputPerSecond().get(size),
                    "batch " + size);
        }
        assertEquals(5 * 4, slow.batch1EndToEnd().samples());
        assertTrue(slow.batch1ModelOnly().isEmpty());
        assertTrue(
                report.harnessOverhead().batch1EndToEnd().p50() < fast.batch1EndToEnd().p50(),
                "the no-op harness must cost less than the fast model");
        assertTrue(report.wallSeconds() > 0);
    }

    @Test
    void interleavesModelsRoundByRound() {
        List<String> calls = new ArrayList<>();
        Map<String, TextClassifier> models = new LinkedHashMap<>();
        models.put("a", recording("a", calls));
        models.put("b", recording("b", calls));

        benchmark.run(models);

        int callsPerTurn = benchmark.batch1PerRound() + benchmark.batchSizes().size();
        int rounds = benchmark.warmupRounds() + benchmark.measuredRounds();
        assertEquals(2 * rounds * callsPerTurn, calls.size());
        for (int round = 0; round < rounds; round++) {
            int from = round * 2 * callsPerTurn;
            Set<String> seen = Set.copyOf(calls.subList(from, from + 2 * callsPerTurn));
            assertEquals(Set.of("a", "b"), seen, "round " + round);
        }
    }

    @Test
    void theModelAfterTheTeacherChangesFromRoundToRound() {
        List<String> calls = new ArrayList<>();
        Map<String, TextClassifier> models = new LinkedHashMap<>();
        for (String name : List.of("teacher", "b", "c", "d")) {
            models.put(name, recording(name, calls));
        }

        benchmark.run(models);

        // Every turn is the same number of calls; four recorded turns make a round.
        int callsPerTurn = benchmark.batch1PerRound() + benchmark.batchSizes().size();
        Set<String> afterTheTeacher = new HashSet<>();
        for (int turn = 0; turn < calls.size() / callsPerTurn; turn++) {
            String model = calls.get(turn * callsPerTurn);
            if (model.equals("teacher") && turn % 4 != 3) {
                afterTheTeacher.add(calls.get((turn + 1) * callsPerTurn));
            }
        }
        // A rotation of a fixed order always puts "b" there.
        assertTrue(
                afterTheTeacher.size() >= 2, "followed the teacher in a round: " + afterTheTeacher);
    }

    @Test
    void timesTheModelAloneForATrainableClassifier() {
        try (BlockTextClassifier tiny = TinyTrainableClassifier.create(Fixtures.LABELS)) {
            LatencyReport report = benchmark.run(Map.of("tiny", tiny));

            LatencyStats modelOnly = report.models().get(0).batch1ModelOnly().orElseThrow();
            assertEquals(5 * 4, modelOnly.samples());
            assertTrue(modelOnly.p50() > 0);
        }
    }

    @Test
    void rejectsAnEmptySentenceList() {
        assertThrows(
                IllegalArgumentException.class,
                () -> LatencyBenchmark.builder().setSentences(List.of()).build());
    }

    private static TextClassifier recording(String name, List<String> calls) {
        LabelSet labels = Fixtures.LABELS;
        return new FakeClassifier(labels, Fixtures::gold, 0) {
            @Override
            public float[][] logits(List<String> texts) {
                calls.add(name);
                return super.logits(texts);
            }
        };
    }
}

package io.github.bertdistill.eval.latency;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.Ints;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.core.model.TrainableClassifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One latency and throughput protocol for every model of a comparison.
 *
 * <p>The run is a sequence of rounds: {@link Builder#optWarmupRounds warm-up} rounds, whose timings
 * are discarded, then {@link Builder#optMeasuredRounds measured} rounds. In each round every model
 * takes its turn — the models are <b>interleaved round by round</b>, so slow drift of the machine
 * (thermal throttling, a neighbour's load) hits all models alike — in a <b>new order every
 * round</b> (a seeded shuffle, the same in every run), so no model always follows the same one.
 * Rotating a fixed order by one each round kept the model after the teacher the same, and it
 * measured up to 1.5× the p50 of identical models elsewhere in the order (0.91 against 0.57–0.75 ms
 * for 30 students of one size), as if the engine's threads were still busy after the teacher's
 * multi-threaded forward. A turn is:
 *
 * <ol>
 *   <li>{@code batch1PerRound} single-text calls of {@link TextClassifier#logits}, each timed end
 *       to end (tokenisation included);
 *   <li>for a {@link TrainableClassifier}, the same texts through the model only (see {@link
 *       ForwardPass}: encoding done before the clock starts);
 *   <li>one call per configured batch size (32 and 64 by default), timed end to end.
 * </ol>
 *
 * Every model sees the same real sentences in the same order, cycling through the list. Calls are
 * made from one Java thread; the engine's intra-/inter-op threads are whatever it was started with
 * (reported by the caller). Times come from {@link System#nanoTime()}; percentiles are
 * nearest-rank. A no-op classifier runs through the same harness in the same rounds and is reported
 * as the harness overhead.
 */
public final class LatencyBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(LatencyBenchmark.class);

    /** Name under which the harness's own cost is measured. */
    public static final String OVERHEAD_NAME = "(harness no-op)";

    /** Seeds the order of the models' turns in each round. */
    private static final long ORDER_SEED = 20261205L;

    private final ImmutableList<String> sentences;
    private final int warmupRounds;
    private final int measuredRounds;
    private final int batch1PerRound;
    private final ImmutableList<Integer> batchSizes;

    private LatencyBenchmark(Builder builder) {
        checkArgument(
                builder.sentences != null && !builder.sentences.isEmpty(),
                "the benchmark needs at least one sentence");
        this.sentences = builder.sentences;
        this.warmupRounds = builder.warmupRounds;
        this.measuredRounds = builder.measuredRounds;
        this.batch1PerRound = builder.batch1PerRound;
        this.batchSizes = builder.batchSizes;
    }

    /**
     * A builder: 3 warm-up rounds, 20 measured rounds, 10 single texts per turn, batches 32, 64.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The sentences the benchmark cycles through. */
    public List<String> sentences() {
        return sentences;
    }

    /** Number of sentences the benchmark cycles through. */
    public int sentenceCount() {
        return sentences.size();
    }

    /** Rounds run before measuring. */
    public int warmupRounds() {
        return warmupRounds;
    }

    /** Rounds measured. */
    public int measuredRounds() {
        return measuredRounds;
    }

    /** Single-text calls per model and round. */
    public int batch1PerRound() {
        return batch1PerRound;
    }

    /** The batch sizes whose throughput is measured. */
    public List<Integer> batchSizes() {
        return batchSizes;
    }

    /**
     * Benchmarks {@code models} (name → classifier, in iteration order) under this protocol.
     *
     * @return one result per model in the same order, plus the harness overhead
     */
    public LatencyReport run(Map<String, ? extends TextClassifier> models) {
        List<Recorder> recorders = new ArrayList<>();
        models.forEach((name, classifier) -> recorders.add(new Recorder(name, classifier)));
        Recorder overhead = new Recorder(OVERHEAD_NAME, new NoOpClassifier());
        recorders.add(overhead);
        Sink sink = new Sink();
        List<Recorder> order = new ArrayList<>(recorders);
        Random shuffles = new Random(ORDER_SEED);
        long begin = System.nanoTime();
        for (int round = 0; round < warmupRounds + measuredRounds; round++) {
            boolean measured = round >= warmupRounds;
            Collections.shuffle(order, shuffles);
            for (Recorder recorder : order) {
                recorder.turn(round, measured, sink);
            }
        }
        double wallSeconds = (System.nanoTime() - begin) / 1e9;
        LOG.debug("benchmark checksum {}", sink.checksum());
        List<LatencyResult> results = new ArrayList<>();
        for (Recorder recorder : recorders.subList(0, recorders.size() - 1)) {
            results.add(recorder.result());
        }
        return new LatencyReport(results, overhead.result(), wallSeconds);
    }

    private List<String> window(int start, int size) {
        List<String> texts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            texts.add(sentences.get((start + i) % sentences.size()));
        }
        return texts;
    }

    /** The timings of one model. */
    private final class Recorder {
        private final String name;
        private final TextClassifier classifier;
        private final Optional<ForwardPass> forward;
        private final List<Long> endToEnd = new ArrayList<>();
        private final List<Long> modelOnly = new ArrayList<>();
        private final Map<Integer, long[]> batchTotals = new LinkedHashMap<>();

        Recorder(String name, TextClassifier classifier) {
            this.name = name;
            this.classifier = classifier;
            this.forward =
                    classifier instanceof TrainableClassifier
                            ? Optional.of(new ForwardPass((TrainableClassifier) classifier))
                            : Optional.empty();
            batchSizes.forEach(size -> batchTotals.put(size, new long[2]));
        }

        void turn(int round, boolean measured, Sink sink) {
            List<String> singles = window(round * batch1PerRound, batch1PerRound);
            for (String text : singles) {
                List<String> one = List.of(text);
                long begin = System.nanoTime();
                float[][] logits = classifier.logits(one);
                long elapsed = System.nanoTime() - begin;
                sink.consume(logits);
                if (measured) {
                    endToEnd.add(elapsed);
                }
            }
            forward.ifPresent(
                    pass -> {
                        for (String text : singles) {
                            EncodedBatch batch = pass.encode(List.of(text));
                            long elapsed = pass.time(batch, sink);
                            if (measured) {
                                modelOnly.add(elapsed);
                            }
                        }
                    });
            for (int size : batchSizes) {
                List<String> texts = window(round * size, size);
                long begin = System.nanoTime();
                float[][] logits = classifier.logits(texts);
                long elapsed = System.nanoTime() - begin;
                sink.consume(logits);
                if (measured) {
                    long[] totals = batchTotals.get(size);
                    totals[0] += elapsed;
                    totals[1] += size;
                }
            }
        }

        LatencyResult result() {
            Map<Integer, Double> throughput = new LinkedHashMap<>();
            batchTotals.forEach(
                    (size, totals) -> throughput.put(size, totals[1] / (totals[0] / 1e9)));
            return new LatencyResult(
                    name,
                    LatencyStats.ofNanos(toArray(endToEnd)),
                    modelOnly.isEmpty()
                            ? Optional.empty()
                            : Optional.of(LatencyStats.ofNanos(toArray(modelOnly))),
                    throughput);
        }

        private long[] toArray(List<Long> values) {
            return values.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** Settings of a {@link LatencyBenchmark}. */
    public static final class Builder {
        private ImmutableList<String> sentences;
        private int warmupRounds = 3;
        private int measuredRounds = 20;
        private int batch1PerRound = 10;
        private ImmutableList<Integer> batchSizes = ImmutableList.of(32, 64);

        private Builder() {}

        /** The real sentences to classify (for example the test set's texts); required. */
        public Builder setSentences(List<String> sentences) {
            this.sentences = ImmutableList.copyOf(sentences);
            return this;
        }

        /** Rounds run before measuring (>= 0). */
        public Builder optWarmupRounds(int rounds) {
            checkArgument(rounds >= 0, "warm-up rounds must be >= 0, got %s", rounds);
            this.warmupRounds = rounds;
            return this;
        }

        /** Rounds measured (> 0). */
        public Builder optMeasuredRounds(int rounds) {
            checkArgument(rounds > 0, "measured rounds must be > 0, got %s", rounds);
            this.measuredRounds = rounds;
            return this;
        }

        /** Single-text calls per model and round (> 0). */
        public Builder optBatch1PerRound(int calls) {
            checkArgument(calls > 0, "single-text calls per round must be > 0, got %s", calls);
            this.batch1PerRound = calls;
            return this;
        }

        /** The batch sizes whose throughput is measured (each > 0). */
        public Builder optBatchSizes(int... sizes) {
            for (int size : sizes) {
                checkArgument(size > 0, "batch sizes must be > 0, got %s", size);
            }
            this.batchSizes = ImmutableList.copyOf(Ints.asList(sizes));
            return this;
        }

        /** The benchmark. */
        public LatencyBenchmark build() {
            return new LatencyBenchmark(this);
        }
    }
}

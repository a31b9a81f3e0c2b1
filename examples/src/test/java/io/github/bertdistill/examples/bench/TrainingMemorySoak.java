package io.github.bertdistill.examples.bench;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.data.io.LabelledLinesReader;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.distill.loss.LossKind;
import io.github.bertdistill.distill.train.DistillationTrainer;
import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.OptimizerKind;
import io.github.bertdistill.distill.train.Schedule;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.distill.train.StepMetrics;
import io.github.bertdistill.distill.train.TrainerConfig;
import io.github.bertdistill.distill.train.TrainerListener;
import io.github.bertdistill.distill.train.TrainerResult;
import io.github.bertdistill.eval.footprint.MemoryProbe;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Memory over a long distillation run (not a test): trains a TextCNN of the SST-2 benchmarks' shape
 * (word vocabulary, 128-wide embeddings, 3/4/5 × 100 filters) for {@code steps} steps of batch 32
 * on SST-2's training sentences, with the KD loss ({@code α = 0.5}, {@code T = 2}) against a
 * confident synthetic teacher, validating on the dev set and checkpointing every 2,000 steps, and
 * samples the process's resident set size ({@code VmRSS}) and the Java heap's committed size every
 * {@code every} steps. Run it with a fixed, pre-touched heap ({@code -Xms -Xmx
 * -XX:+AlwaysPreTouch}) so that RSS growth can only be native memory.
 *
 * <p>It prints one line per sample and a summary (RSS at the first sample, half-way and at the end,
 * and the growth per 1,000 steps over the second half, after the allocators' warm-up), and writes
 * the samples as CSV to {@code out/rss.csv}. A flat RSS shows that step-scoped managers free every
 * native array of a step.
 *
 * <p>Arguments: {@code [steps=20000] [every=500] [sst2-folder=../shared/data/sst2]
 * [out=target/memory-soak]}. Run it with the test class path: see the examples module README.
 */
public final class TrainingMemorySoak {
    private static final int BATCH = 32;
    private static final int VALIDATE_EVERY = 2000;
    private static final double MIB = 1024 * 1024;

    private TrainingMemorySoak() {}

    public static void main(String[] args) throws IOException {
        long steps = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        int every = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path data = Path.of(args.length > 2 ? args[2] : "../shared/data/sst2");
        Path out = Path.of(args.length > 3 ? args[3] : "target/memory-soak");
        System.out.println("engine: " + EngineBootstrap.start().describe());

        TextDataset train = LabelledLinesReader.create().readDataset(data.resolve("train.txt"));
        TextDataset dev = LabelledLinesReader.create().readDataset(data.resolve("dev.txt"));
        RssSampler sampler = new RssSampler(every);
        try (TextCnnClassifier student =
                TextCnnClassifier.builder()
                        .setVocabulary(
                                StudentVocabulary.wordBuilder()
                                        .optMinFrequency(1)
                                        .build(train.texts()))
                        .setLabels(train.inferLabelSet())
                        .optConfig(
                                TextCnnConfig.builder()
                                        .optEmbeddingSize(128)
                                        .optMaxLength(64)
                                        .build())
                        .build()) {
            long stepsPerEpoch = (train.size() + BATCH - 1) / BATCH;
            TrainerResult result =
                    DistillationTrainer.builder()
                            .setTrainingConfig(
                                    TrainerConfig.builder()
                                            .optEpochs((int) (steps / stepsPerEpoch + 1))
                                            .optMaxSteps(steps)
                                            .optBatchSize(BATCH)
                                            .optEvalEverySteps(VALIDATE_EVERY)
                                            .optCheckpointEverySteps(VALIDATE_EVERY)
                                            .build())
                            .setOutputDir(out.resolve("training"))
                            .setMethodConfig(
                                    MethodConfig.builder()
                                            .optOptimizer(OptimizerKind.ADAM)
                                            .optLearningRate(1e-3f)
                                            .optLossKind(LossKind.KL)
                                            .optTemperature(Schedule.constant(2))
                                            .optAlpha(Schedule.constant(0.5f))
                                            .build())
                            .setClassifier(student)
                            .setTrainSet(train)
                            .optSoftTargets(confidentTeacher(train))
                            .optDevSet(dev)
                            .addListener(sampler)
                            .build()
                            .fit();
            System.out.println(result);
        }
        System.out.println(sampler.summary());
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("rss.csv"), sampler.csv());
    }

    /** Logits (2, −2) or (−2, 2) for the gold label, as a confident, correct teacher would give. */
    private static SoftTargets confidentTeacher(TextDataset train) {
        LabelSet labels = train.inferLabelSet();
        Map<String, float[]> logits = new HashMap<>();
        for (TextExample example : train) {
            boolean first = labels.indexOf(example.label().orElseThrow()) == 0;
            logits.put(example.id(), first ? new float[] {2, -2} : new float[] {-2, 2});
        }
        return SoftTargets.of(logits);
    }

    /** Resident set size every {@code every} steps. */
    private static final class RssSampler implements TrainerListener {
        private final int every;
        private final StringBuilder csv = new StringBuilder("step,rss_mib,heap_committed_mib\n");
        private final long start = System.nanoTime();
        private final List<long[]> samples = new ArrayList<>(); // {step, RSS bytes}

        RssSampler(int every) {
            this.every = every;
        }

        @Override
        public void onStep(StepMetrics metrics) {
            if (metrics.step() % every != 0) {
                return;
            }
            long rss = MemoryProbe.residentBytes().orElse(0);
            double heap = Runtime.getRuntime().totalMemory() / MIB;
            samples.add(new long[] {metrics.step(), rss});
            csv.append(metrics.step()).append(',').append(format(rss / MIB));
            csv.append(',').append(format(heap)).append('\n');
            System.out.printf(
                    Locale.ROOT,
                    "step %6d  RSS %8s MiB  Java heap %7s MiB  loss %.4f  %.0f s%n",
                    metrics.step(),
                    format(rss / MIB),
                    format(heap),
                    metrics.loss(),
                    (System.nanoTime() - start) / 1e9);
        }

        /**
         * RSS at the first sample, half-way and at the end, and the growth over the second half:
         * the first half includes the allocators' warm-up, the second shows whether a run leaks.
         */
        String summary() {
            long[] first = samples.get(0);
            long[] half = samples.get(samples.size() / 2);
            long[] last = samples.get(samples.size() - 1);
            double perThousand = (last[1] - half[1]) / MIB / Math.max(1, last[0] - half[0]) * 1000;
            return String.format(
                    Locale.ROOT,
                    "RSS at step %d: %s MiB; at step %d: %s MiB; at step %d: %s MiB;"
                            + " growth over the second half %s MiB per 1,000 steps",
                    first[0],
                    format(first[1] / MIB),
                    half[0],
                    format(half[1] / MIB),
                    last[0],
                    format(last[1] / MIB),
                    String.format(Locale.ROOT, "%.3f", perThousand));
        }

        String csv() {
            return csv.toString();
        }

        private static String format(double mib) {
            return String.format(Locale.ROOT, "%.1f", mib);
        }
    }
}

package io.github.bertdistill.eval;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.eval.latency.LatencyBenchmark;
import io.github.bertdistill.eval.report.ReportWriter;
import io.github.bertdistill.eval.report.Roles;
import io.github.bertdistill.eval.report.SweepPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A complete comparison of fakes — a slow "teacher", two quick students and a tiny real DJL model —
 * with model folders, training logs, a sweep and two seeds of each student: what the report tests
 * check, and (through {@link #main}) the page looked at in a browser.
 */
public final class SampleReport {
    /** Test examples of the sample. */
    public static final int SIZE = 60;

    private SampleReport() {}

    /** An evaluation of the sample; model folders and logs are written under {@code work}. */
    public static Evaluation.Builder builder(Path work) throws IOException {
        TextDataset dataset = Fixtures.dataset(SIZE);
        return Evaluation.builder()
                .setDataset(dataset)
                .optEngineInfo(Fixtures.ENGINE)
                .optLatency(
                        LatencyBenchmark.builder()
                                .setSentences(dataset.texts())
                                .optWarmupRounds(1)
                                .optMeasuredRounds(5)
                                .optBatch1PerRound(4)
                                .build())
                .addModel(
                        model(work, "bert-teacher", Roles.TEACHER, 5_000, 100_000)
                                .setClassifier(
                                        new FakeClassifier(
                                                Fixtures.LABELS, Fixtures::gold, 200_000))
                                .optParameters(109_484_547)
                                .build())
                .addModel(
                        model(work, "textcnn-hard", Roles.STUDENT_HARD, 1_000, 1_500)
                                .setClassifier(
                                        new FakeClassifier(
                                                Fixtures.LABELS,
                                                t -> Fixtures.wrongEvery(t, 4),
                                                10_000))
                                .optParameters(1_200_000)
                                .build())
                .addModel(
                        model(work, "textcnn-kd", Roles.STUDENT_KD, 1_000, 1_500)
                                .setClassifier(
                                        new FakeClassifier(
                                                Fixtures.LABELS,
                                                t -> Fixtures.wrongEvery(t, 7),
                                                10_000))
                                .optParameters(1_200_000)
                                .build())
                .addModel(
                        ModelSpec.builder()
                                .setName("tiny-djl")
                                .setRole("baseline")
                                .setLoader(() -> TinyTrainableClassifier.create(Fixtures.LABELS))
                                .build())
                .optSweep(sweep())
                .addSeedReplicate(
                        Roles.STUDENT_HARD, 1, () -> answering(4), devLog(work, "hard-1", 0.80))
                .addSeedReplicate(
                        Roles.STUDENT_HARD, 2, () -> answering(5), devLog(work, "hard-2", 0.82))
                .addSeedReplicate(
                        Roles.STUDENT_KD, 1, () -> answering(7), devLog(work, "kd-1", 0.86))
                .addSeedReplicate(
                        Roles.STUDENT_KD, 2, () -> answering(6), devLog(work, "kd-2", 0.85));
    }

    /** A training log whose best validation reached {@code best}, after a worse one. */
    static Path devLog(Path work, String name, double best) throws IOException {
        return Files.write(
                work.resolve(name + "-metrics.jsonl"),
                List.of(
                        "{\"event\":\"step\",\"step\":1,\"loss\":0.7}",
                        "{\"event\":\"validation\",\"step\":1,\"accuracy\":" + (best - 0.1) + "}",
                        "{\"event\":\"validation\",\"step\":2,\"accuracy\":" + best + "}",
                        "{\"event\":\"validation\",\"step\":3,\"accuracy\":"
                                + (best - 0.05)
                                + "}"));
    }

    /**
     * A replicate that is wrong on every {@code every}-th text (see {@link Fixtures#wrongEvery}).
     */
    private static FakeClassifier answering(int every) {
        return FakeClassifier.instant(Fixtures.LABELS, t -> Fixtures.wrongEvery(t, every));
    }

    private static ModelSpec.Builder model(
            Path work, String name, String role, int steps, int weightBytes) throws IOException {
        Path folder = Files.createDirectories(work.resolve(name));
        Files.write(folder.resolve("model.params"), new byte[weightBytes]);
        Files.writeString(folder.resolve("config.json"), "{\"architecture\": \"" + name + "\"}\n");
        List<String> log = new ArrayList<>();
        for (int step = 0; step <= steps; step += steps / 20) {
            double loss = 1.1 * Math.exp(-3.0 * step / steps) + 0.05;
            String dev =
                    step % (steps / 4) == 0
                            ? String.format(
                                    Locale.ROOT, ", \"dev_accuracy\": %.3f", 0.9 - 0.4 * loss)
                            : "";
            log.add(
                    String.format(
                            Locale.ROOT,
                            "{\"step\": %d, \"epoch\": %d, \"loss\": %.4f%s}",
                            step,
                            1 + 4 * step / (steps + 1),
                            loss,
                            dev));
        }
        Path logFile = work.resolve(name + "-train.jsonl");
        Files.write(logFile, log);
        return ModelSpec.builder()
                .setName(name)
                .setRole(role)
                .optModelDir(folder)
                .optTrainingLog(logFile);
    }

    private static List<SweepPoint> sweep() {
        List<SweepPoint> points = new ArrayList<>();
        for (double t : new double[] {1, 2, 4, 8}) {
            for (double alpha : new double[] {0.1, 0.5, 0.9}) {
                points.add(new SweepPoint(t, alpha, 0.80 + 0.01 * t * alpha - 0.002 * t * t));
            }
        }
        return points;
    }

    /** Writes the sample report into the folder {@code args[0]}, on the real engine. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Path work = Files.createDirectories(out.resolve("models"));
        Evaluation evaluation = builder(work).optEngineInfo(EngineBootstrap.start()).build();
        System.out.println(ReportWriter.write(evaluation.run(), out));
    }
}

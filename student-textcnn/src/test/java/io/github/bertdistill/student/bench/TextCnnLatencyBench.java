package io.github.bertdistill.student.bench;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.student.vocab.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Latency and throughput of the default TextCNN (not a test): a 30,522-token vocabulary (the size
 * of BERT's WordPiece vocabulary) of synthetic words, 2 classes, {@link TextCnnConfig#defaults()},
 * random-but-realistic sentences of 5–40 words drawn with a Zipf-like word distribution.
 *
 * <p>Prints the parameter count, the size on disk, single-sentence p50/p90/p99 latency over {@code
 * calls} calls after a warm-up, batch-64 throughput, and the throughput of 1, 2, 8 (or the given
 * list of) concurrent single-sentence callers sharing one classifier.
 *
 * <p>Arguments: {@code [calls=5000] [thread counts=1,2,8]}. The PyTorch thread pools are set with
 * {@code -Dai.djl.pytorch.num_threads} / {@code num_interop_threads}. Run it with the test class
 * path: see the module README.
 */
public final class TextCnnLatencyBench {
    private TextCnnLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int[] threadCounts =
                Arrays.stream((args.length > 1 ? args[1] : "1,2,8").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        EngineInfo engine = EngineBootstrap.start();
        System.out.println("engine: " + engine.describe());
        System.out.println(
                "threads: "
                        + engine.threads().describe()
                        + ", cores="
                        + Runtime.getRuntime().availableProcessors());

        List<String> words = new ArrayList<>();
        words.add(Vocabulary.PAD);
        words.add(Vocabulary.UNK);
        SplittableRandom random = new SplittableRandom(1);
        java.util.Set<String> seen = new java.util.HashSet<>(words);
        while (words.size() < 30_522) {
            int length = 2 + random.nextInt(9);
            StringBuilder w = new StringBuilder();
            for (int i = 0; i < length; i++) {
                w.append((char) ('a' + random.nextInt(26)));
            }
            if (seen.add(w.toString())) {
                words.add(w.toString());
            }
        }
        StudentVocabulary vocabulary =
                StudentVocabulary.of(
                        io.github.bertdistill.student.vocab.VocabularyKind.WORD,
                        Vocabulary.of(words),
                        true,
                        false);
        List<String> sentences = new ArrayList<>();
        for (int s = 0; s < 1000; s++) {
            int n = 5 + random.nextInt(36);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                // Zipf-like: small ids much more often
                int id = 2 + (int) Math.min(words.size() - 3, Math.exp(random.nextDouble() * 10.3));
                text.append(i == 0 ? "" : " ").append(words.get(id));
            }
            text.append(random.nextInt(3) == 0 ? "!" : ".");
            sentences.add(text.toString());
        }

        try (TextCnnClassifier classifier =
                TextCnnClassifier.builder()
                        .setVocabulary(vocabulary)
                        .setLabels(LabelSet.of("neg", "pos"))
                        .optConfig(TextCnnConfig.defaults())
                        .build()) {
            Path dir = Files.createTempDirectory("textcnn-bench");
            classifier.save(dir.resolve("model"));
            System.out.printf(
                    "default config %s: %,d parameters, %,d bytes on disk%n",
                    classifier.config().toJson(),
                    classifier.parameterCount(),
                    TextCnnClassifier.sizeOnDisk(dir.resolve("model")));
            com.google.common.io.MoreFiles.deleteRecursively(
                    dir, com.google.common.io.RecursiveDeleteOption.ALLOW_INSECURE);

            for (int i = 0; i < 500; i++) {
                classifier.logits(sentences.get(i % sentences.size()));
            }
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                classifier.logits(sentences.get(i % sentences.size()));
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "single sentence (%d calls): p50 %.3f ms, p90 %.3f ms, p99 %.3f ms%n",
                    calls, pct(nanos, 50), pct(nanos, 90), pct(nanos, 99));

            int batches = 60;
            for (int b = 0; b < 5; b++) {
                classifier.logits(batch(sentences, b));
            }
            long t0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                classifier.logits(batch(sentences, b));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "batch 64: %.0f sentences/s (%.2f ms per batch)%n",
                    batches * 64 / seconds, seconds * 1000 / batches);

            // Lock-free sharing vs the same callers serialised by one lock, interleaved over
            // three rounds (the median is printed) so that load drift hits both alike.
            Object lock = new Object();
            int rounds = 3;
            for (int threads : threadCounts) {
                double[] free = new double[rounds];
                double[] locked = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    free[r] = concurrent(classifier, sentences, calls, threads, null);
                    locked[r] =
                            threads > 1
                                    ? concurrent(classifier, sentences, calls, threads, lock)
                                    : free[r];
                }
                Arrays.sort(free);
                Arrays.sort(locked);
                System.out.printf(
                        "%d concurrent single-sentence callers, one shared classifier:"
                                + " lock-free %.0f sentences/s, behind one lock %.0f sentences/s"
                                + " (median of %d)%n",
                        threads, free[rounds / 2], locked[rounds / 2], rounds);
            }
        }
    }

    private static double concurrent(
            TextCnnClassifier classifier,
            List<String> sentences,
            int calls,
            int threads,
            Object lock)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int perThread = calls / threads;
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 97;
                futures.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < perThread; i++) {
                                        String text =
                                                sentences.get((offset + i) % sentences.size());
                                        if (lock == null) {
                                            classifier.logits(text);
                                        } else {
                                            synchronized (lock) {
                                                classifier.logits(text);
                                            }
                                        }
                                    }
                                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            return perThread * threads / elapsed;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> batch(List<String> sentences, int b) {
        List<String> batch = new ArrayList<>(64);
        for (int i = 0; i < 64; i++) {
            batch.add(sentences.get((b * 64 + i) % sentences.size()));
        }
        return batch;
    }

    private static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}

package io.github.bertdistill.distill.bench;

import com.sun.management.OperatingSystemMXBean;
import io.github.bertdistill.distill.augment.CosineNeighbours;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Speed of {@link CosineNeighbours#neighboursOfAll} (not a test): a random Gaussian {@code rows ×
 * dimension} matrix (a teacher's word-embedding table: BERT's WordPiece vocabulary has 30,522 rows,
 * MiniLM's are 384 wide), the top {@code k} of {@code queries} words drawn at random, searched with
 * a fresh index on each thread count in turn, {@code runs} rounds (interleaved, so that a busy
 * machine slows every thread count alike); prints every run with its process CPU time (CPU time
 * over wall time is how many cores the run had) and the load average, the median per thread count
 * and its speed-up over the first thread count, and checks that every thread count gave the same
 * answers.
 *
 * <p>Arguments: {@code [rows=30000] [dimension=384] [queries=10000] [k=10] [threads=1,2] [runs=3]}.
 * The command is in the distill module's README.
 */
public final class NeighbourSearchBench {
    private static final OperatingSystemMXBean CPU =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private NeighbourSearchBench() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int dimension = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int k = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int[] threads =
                Arrays.stream((args.length > 4 ? args[4] : "1,2").split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray();
        int runs = args.length > 5 ? Integer.parseInt(args[5]) : 3;

        Random random = new Random(42);
        float[][] embeddings = new float[rows][dimension];
        for (float[] row : embeddings) {
            for (int j = 0; j < dimension; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        List<String> vocabulary = IntStream.range(0, rows).mapToObj(i -> "w" + i).toList();
        List<String> asked = new ArrayList<>(vocabulary);
        Collections.shuffle(asked, random);
        asked = asked.subList(0, queries);
        System.out.printf(
                Locale.ROOT,
                "%,d × %d matrix, top %d of %,d words, %d rounds%n",
                rows,
                dimension,
                k,
                queries,
                runs);

        double[][] seconds = new double[threads.length][runs];
        Map<String, List<String>> first = null;
        for (int run = 0; run < runs; run++) {
            for (int t = 0; t < threads.length; t++) {
                CosineNeighbours search =
                        CosineNeighbours.builder()
                                .setVocabulary(vocabulary)
                                .setEmbeddings(embeddings)
                                .optTopK(k)
                                .optThreads(threads[t])
                                .build();
                long start = System.nanoTime();
                long cpuStart = CPU.getProcessCpuTime();
                Map<String, List<String>> answers = search.neighboursOfAll(asked);
                seconds[t][run] = (System.nanoTime() - start) / 1e9;
                double cpu = (CPU.getProcessCpuTime() - cpuStart) / 1e9;
                if (first == null) {
                    first = answers;
                } else if (!first.equals(answers)) {
                    throw new IllegalStateException(threads[t] + " threads gave other answers");
                }
                System.out.printf(
                        Locale.ROOT,
                        "run %d, %d threads: %.2f s, %.2f s of CPU (%.2f cores busy; load average"
                                + " %s)%n",
                        run + 1,
                        threads[t],
                        seconds[t][run],
                        cpu,
                        cpu / seconds[t][run],
                        loadAverage());
            }
        }
        double baseline = median(seconds[0]);
        for (int t = 0; t < threads.length; t++) {
            double median = median(seconds[t]);
            System.out.printf(
                    Locale.ROOT,
                    "%d threads: median %.2f s (%.2f ms per word), speed-up %.2f×%n",
                    threads[t],
                    median,
                    1000 * median / queries,
                    baseline / median);
        }
        System.out.println("the answers of every thread count are identical");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The 1-minute load average, or "?" where /proc/loadavg cannot be read. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}

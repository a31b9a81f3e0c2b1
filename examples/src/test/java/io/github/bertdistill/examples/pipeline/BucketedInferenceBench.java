package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.model.BucketedInference;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Length-bucketed against file-order batches (not a test): the same model classifies the same texts
 * both ways, window by window, the two taking turns first, and the time of each is summed per
 * round. File order in batches of 32 is what {@code predict}, {@code evaluate} and the logit cache
 * did before, and what the report's batch-32 throughput measures; bucketed is {@link
 * BucketedInference} over the window.
 *
 * <pre>
 * label RUN_FOLDER ROUNDS          the run's transfer set (its logits must exist), its teacher,
 *                                  windows of 4,096 (the cache's chunk)
 * predict TEXT_FILE MODEL ROUNDS   one text per line, any model folder, windows of 256 (predict's)
 * </pre>
 *
 * Prints each round's texts per second for both and the largest logit difference between them.
 */
public final class BucketedInferenceBench {
    private static final int BATCH = 32;

    private BucketedInferenceBench() {}

    public static void main(String[] args) throws Exception {
        boolean label = args[0].equals("label");
        List<String> texts;
        Path model;
        if (label) {
            RunFolder run = new RunFolder(Path.of(args[1]));
            Recipe recipe = RecipeLoader.readResolved(run.recipe());
            RunData data = RunData.read(recipe.data, recipe.seed, run.data());
            texts = LabelStage.open(recipe, data, run).transferSet().texts();
            model = run.teacher();
        } else {
            texts = Files.readAllLines(Path.of(args[1]));
            model = Path.of(args[2]);
        }
        int window = label ? 4096 : 256;
        int rounds = Integer.parseInt(args[args.length - 1]);
        System.out.printf("%d texts, windows of %d, %s%n", texts.size(), window, model);
        try (TextClassifier classifier = ModelFolders.load(model)) {
            BucketedInference bucketed = new BucketedInference(classifier, BATCH);
            classifier.logits(texts.subList(0, Math.min(texts.size(), BATCH)));
            double largest = 0;
            for (int round = 1; round <= rounds; round++) {
                long fileOrderNanos = 0;
                long bucketedNanos = 0;
                for (int start = 0; start < texts.size(); start += window) {
                    List<String> part =
                            texts.subList(start, Math.min(texts.size(), start + window));
                    boolean bucketedFirst = (round + start / window) % 2 == 0;
                    long begin = System.nanoTime();
                    float[][] first =
                            bucketedFirst ? bucketed.logits(part) : fileOrder(classifier, part);
                    long middle = System.nanoTime();
                    float[][] second =
                            bucketedFirst ? fileOrder(classifier, part) : bucketed.logits(part);
                    long end = System.nanoTime();
                    bucketedNanos += bucketedFirst ? middle - begin : end - middle;
                    fileOrderNanos += bucketedFirst ? end - middle : middle - begin;
                    largest = Math.max(largest, largestDifference(first, second));
                }
                System.out.printf(
                        Locale.ROOT,
                        "round %d: file order %.1f texts/s, bucketed %.1f texts/s, ratio %.2f%n",
                        round,
                        texts.size() / (fileOrderNanos / 1e9),
                        texts.size() / (bucketedNanos / 1e9),
                        (double) fileOrderNanos / bucketedNanos);
            }
            System.out.println("largest logit difference: " + largest);
        }
    }

    private static float[][] fileOrder(TextClassifier classifier, List<String> texts) {
        float[][] rows = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += BATCH) {
            float[][] batch =
                    classifier.logits(texts.subList(start, Math.min(texts.size(), start + BATCH)));
            System.arraycopy(batch, 0, rows, start, batch.length);
        }
        return rows;
    }

    private static double largestDifference(float[][] a, float[][] b) {
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                largest = Math.max(largest, Math.abs(a[i][c] - b[i][c]));
            }
        }
        return largest;
    }
}

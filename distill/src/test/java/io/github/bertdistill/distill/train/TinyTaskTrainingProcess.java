package io.github.bertdistill.distill.train;

import io.github.bertdistill.core.model.BlockTextClassifier;
import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One {@link TinyTask} training run in a JVM of its own, so that {@link KillResumeTest} can kill it
 * with {@code SIGKILL} and start it again on the same folder.
 *
 * <p>Arguments: the output folder, the seed of the initial weights, and optionally a step after
 * which the process stops making progress (it prints {@code paused at step N} and sleeps until it
 * is killed). When training has finished it writes {@code result.txt}: the {@link TrainerResult}
 * and the final dev logits, which a resumed run must reproduce exactly.
 */
final class TinyTaskTrainingProcess {
    static final String RESULT_FILE = "result.txt";
    static final int CHECKPOINT_EVERY = 5;
    static final String PAUSED = "paused at step ";

    private TinyTaskTrainingProcess() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int initSeed = Integer.parseInt(args[1]);
        long pauseAt = args.length > 2 ? Long.parseLong(args[2]) : -1;
        TinyTask.Training config =
                TinyTask.trainingConfig(out).optCheckpointEverySteps(CHECKPOINT_EVERY).build();
        TrainerListener pause =
                new TrainerListener() {
                    @Override
                    public void onStep(StepMetrics metrics) {
                        if (metrics.step() == pauseAt) {
                            System.out.println(PAUSED + metrics.step());
                            System.out.flush();
                            sleepUntilKilled();
                        }
                    }
                };
        try (BlockTextClassifier model = TinyTask.classifier(initSeed)) {
            TrainerResult result =
                    TinyTask.trainer(model, config, TinyTask.SUPERVISED)
                            .addListener(pause)
                            .build()
                            .fit();
            float[][] logits = model.logits(TinyTask.DEV.texts());
            AtomicFiles.writeString(
                    out.resolve(RESULT_FILE), result + "\n" + Arrays.deepToString(logits) + "\n");
        }
    }

    private static void sleepUntilKilled() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

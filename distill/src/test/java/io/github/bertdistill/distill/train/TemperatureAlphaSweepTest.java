package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.BlockTextClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemperatureAlphaSweepTest {
    @TempDir Path dir;

    @Test
    void runsEveryCellAndWritesTheTable() throws IOException {
        List<String> cells = new ArrayList<>();
        TemperatureAlphaSweep sweep = new TemperatureAlphaSweep(List.of(1f, 4f), List.of(0f, 0.5f));
        sweep.run(
                (t, a) -> {
                    cells.add(t + "/" + a);
                    return new TrainerResult(10, 0.1, 0.8 + t / 100 + a / 10, 7, 0.8, false);
                },
                dir);

        assertEquals(List.of("1.0/0.0", "1.0/0.5", "4.0/0.0", "4.0/0.5"), cells);
        assertEquals(
                "| T \\ α | 0 | 0.5 |\n"
                        + "|---|---:|---:|\n"
                        + "| 1 | 0.8100 | 0.8600 |\n"
                        + "| 4 | 0.8400 | **0.8900** |\n",
                Files.readString(dir.resolve("sweep.md")));
        assertEquals(
                "temperature,alpha,dev_accuracy,best_step\n"
                        + "1,0,0.810000,7\n"
                        + "1,0.5,0.860000,7\n"
                        + "4,0,0.840000,7\n"
                        + "4,0.5,0.890000,7\n",
                Files.readString(dir.resolve("sweep.csv")));
    }

    @Test
    void readsBackTheTableItWrote() throws IOException {
        assertEquals(List.of(), TemperatureAlphaSweep.read(dir));
        new TemperatureAlphaSweep(List.of(2f), List.of(0.25f, 1f))
                .run((t, a) -> new TrainerResult(10, 0.1, 0.5 + a / 4, 3, 0.5, false), dir);

        assertEquals(
                List.of(
                        new TemperatureAlphaSweep.CellResult(2f, 0.25f, 0.5625, 3),
                        new TemperatureAlphaSweep.CellResult(2f, 1f, 0.75, 3)),
                TemperatureAlphaSweep.read(dir));
    }

    @Test
    void sweepsRealRunsWithOneOutputFolderPerCell() throws IOException {
        EngineBootstrap.start();
        TextDataset train = TinyTask.labelled("train", 32, 1);
        TextDataset dev = TinyTask.labelled("dev", 16, 2);
        SoftTargets teacher = SoftTargets.of(TinyTask.teacherLogits(train));
        MethodConfig base = MethodConfig.builder().optOptimizer(OptimizerKind.ADAM).build();
        TemperatureAlphaSweep.Cell cell =
                (t, a) -> {
                    try (BlockTextClassifier model = TinyTask.classifier(1)) {
                        return DistillationTrainer.builder()
                                .setTrainingConfig(
                                        TrainerConfig.builder()
                                                .optEpochs(1)
                                                .optBatchSize(16)
                                                .build())
                                .setOutputDir(dir.resolve("T" + t + "-a" + a))
                                .setMethodConfig(base.withConstant(t, a))
                                .setClassifier(model)
                                .setTrainSet(train)
                                .optSoftTargets(teacher)
                                .optDevSet(dev)
                                .build()
                                .fit();
                    }
                };
        TemperatureAlphaSweep.Table table =
                new TemperatureAlphaSweep(List.of(1f, 4f), List.of(0f, 1f)).run(cell, dir);

        assertEquals(2, table.result(1, 1).steps());
        assertEquals(5, Files.readAllLines(dir.resolve("sweep.csv")).size());
        assertTrue(Files.isDirectory(dir.resolve("T4.0-a0.0/best")));
    }
}

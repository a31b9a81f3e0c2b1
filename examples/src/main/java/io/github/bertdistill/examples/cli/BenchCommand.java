package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.core.storage.OutputLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bert-distill bench}: latency and throughput only, as a table. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        header = "Measure latency and throughput only.",
        description = {
            "Measure latency and throughput only: single-text calls (end to end, and model only"
                    + " for trainable models) and batches of 32 and 64, models interleaved round by"
                    + " round, on real texts from the data. Prints one row per model; times in"
                    + " milliseconds. With --output, the same table is also written to a file.",
            "",
            "Engine threads: java -Dai.djl.pytorch.num_threads=N -jar bert-distill.jar bench …",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill bench --data test.tsv --model bert=runs/sst2/teacher \\",
            "      --model cnn=runs/sst2/students/student-kd",
            "  bert-distill bench --recipe my-recipe.json --model cnn=models/cnn \\",
            "      --rounds 50 --output bench/cnn.txt"
        })
final class BenchCommand implements Callable<Integer> {
    @Mixin ModelOptions models;

    @Mixin DataOptions data;

    @Mixin LatencyOptions latency;

    @Mixin DeviceOption device;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description =
                    "Also write the table to this text file (replaced whole, never half-written).")
    Path output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (output != null) {
            OutputLocation.requireFile(output, OutputLocation.MB);
        }
        device.startEngine();
        List<String> texts = data.read().texts();
        Map<String, TextClassifier> loaded = models.loadAll();
        String table;
        try {
            table = LatencyTable.render(latency.benchmark(texts).run(loaded));
        } finally {
            loaded.values().forEach(TextClassifier::close);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(table);
        out.flush();
        if (output != null) {
            AtomicFiles.writeString(output, table);
        }
        return 0;
    }
}

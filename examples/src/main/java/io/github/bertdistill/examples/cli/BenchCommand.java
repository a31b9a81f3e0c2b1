package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.core.storage.OutputLocation;
import io.github.bertdistill.eval.latency.LatencyBenchmark;
import io.github.bertdistill.eval.latency.OperatorProfile;
import io.github.bertdistill.eval.report.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bert-distill bench}: latency and throughput only, as a table. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        header = "Measure latency and throughput only.",
        description = {
            "Measure latency and throughput only: single-text calls (end to end, and model only"
                    + " for trainable models) and batches of 32 and 64, models interleaved round by"
                    + " round, on real texts from the data: --data, the test set of --recipe, or"
                    + " without either the embedded fine-foods test set (English reviews). Prints"
                    + " one row per model, times in milliseconds, and each model's speed-up over"
                    + " the --baseline model. With --output, the same table is also written to a"
                    + " file.",
            "",
            "Engine threads: java -Dai.djl.pytorch.num_threads=N -jar bert-distill.jar bench …",
            "",
            "With --profile DIR, each model then runs single texts under PyTorch's operator"
                    + " profiler: DIR/NAME.trace.json (open in Perfetto or chrome://tracing) and"
                    + " DIR/profile.txt, the operations with the most time per text (self: without"
                    + " the operations they call). Models on ONNX Runtime record no operations.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill bench --model bert=runs/fine-foods/teacher \\",
            "      --model cnn=runs/fine-foods/students/student-kd",
            "  bert-distill bench --data test.tsv --model bert=runs/sst2/teacher \\",
            "      --model cnn=runs/sst2/students/student-kd --baseline bert",
            "  bert-distill bench --recipe my-recipe.json --model cnn=models/cnn \\",
            "      --rounds 50 --output bench/cnn.txt",
            "  bert-distill bench --recipe my-recipe.json --model cnn=models/cnn \\",
            "      --profile bench/profile"
        })
final class BenchCommand implements Callable<Integer> {
    private static final String PROFILE_FILE = "profile.txt";
    private static final int PROFILE_ROWS = 15;
    private static final int TRACE_BYTES_PER_CALL = 256 * 1024;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    @Mixin ModelOptions models;

    @Mixin DataOptions data;

    @Mixin LatencyOptions latency;

    @Mixin DeviceOption device;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description =
                    "Also write the table to this text file, checked before any work: a new file,"
                        + " or a table bench wrote before (replaced whole, never half-written).")
    Path output;

    @Option(
            names = "--baseline",
            paramLabel = "NAME",
            description =
                    "The --model the speed-up column compares with (default: the first"
                            + " --model).")
    String baseline;

    @Option(
            names = "--profile",
            paramLabel = "DIR",
            description =
                    "After the benchmark, profile each model's single-text calls into this folder"
                            + " (a trace per model and profile.txt).")
    Path profile;

    @Option(
            names = "--profile-calls",
            paramLabel = "N",
            description = "Single-text calls profiled per model (default: ${DEFAULT-VALUE}).")
    int profileCalls = 100;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        latency.check();
        if (output != null) {
            checkOutput();
        }
        Map<String, Path> folders = models.byName();
        Set<String> names = folders.keySet();
        if (profile != null) {
            checkProfileOptions(names);
        }
        String base = baselineName(names);
        DataOptions.Texts texts = data.readTexts();
        // before this process's own work: the engine's start and the models' loading count too
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        EngineInfo engine = device.startEngine(folders.values());
        Map<String, TextClassifier> loaded = ModelOptions.loadAll(folders);
        PrintWriter out = spec.commandLine().getOut();
        try {
            LatencyBenchmark benchmark = latency.benchmark(texts.texts());
            String table =
                    LatencyTable.render(
                                    benchmark.run(loaded),
                                    base,
                                    texts.source() + " (" + texts.texts().size() + " texts)",
                                    Environment.probe(engine))
                            + LatencyTable.busyWarning(
                                    loadBefore, Runtime.getRuntime().availableProcessors());
            out.print(table);
            out.flush();
            if (output != null) {
                AtomicFiles.writeString(output, table);
            }
            if (profile != null) {
                String profiles = profileAll(loaded, benchmark.sentences());
                out.print(profiles);
                out.flush();
                AtomicFiles.writeString(profile.resolve(PROFILE_FILE), profiles);
            }
        } finally {
            loaded.values().forEach(TextClassifier::close);
        }
        return 0;
    }

    /** A file may be replaced only by a table like the one it holds: never data or a model. */
    private void checkOutput() throws IOException {
        OutputLocation.requireFile(output, OutputLocation.MB);
        if (Files.isRegularFile(output) && !LatencyTable.isTable(output)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--output "
                            + output
                            + " is a file bench did not write, and bench replaces only its own"
                            + " tables: give a new file name");
        }
    }

    private String baselineName(Set<String> names) {
        if (baseline == null) {
            return names.iterator().next();
        }
        if (!names.contains(baseline)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--baseline "
                            + baseline
                            + " names no --model; models: "
                            + String.join(", ", names));
        }
        return baseline;
    }

    private void checkProfileOptions(Set<String> names) throws IOException {
        if (profileCalls < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--profile-calls must be at least 1, got " + profileCalls);
        }
        for (String name : names) {
            if (!FILE_NAME.matcher(name).matches()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--profile names a trace file after each model, and '"
                                + name
                                + "' is not a file name: use letters, digits, '.', '_' and '-'");
            }
        }
        // a 6-layer teacher's trace takes about 160 kB a text
        OutputLocation.requireFolder(
                profile, (long) TRACE_BYTES_PER_CALL * profileCalls * names.size());
    }

    private String profileAll(Map<String, TextClassifier> loaded, List<String> texts)
            throws IOException {
        StringBuilder all = new StringBuilder();
        for (Map.Entry<String, TextClassifier> model : loaded.entrySet()) {
            Path trace = profile.resolve(model.getKey() + ".trace.json");
            OperatorProfile recorded =
                    OperatorProfile.record(model.getValue(), texts, profileCalls, trace);
            all.append(System.lineSeparator())
                    .append("## ")
                    .append(model.getKey())
                    .append(" (")
                    .append(trace.getFileName())
                    .append(')')
                    .append(System.lineSeparator())
                    .append(recorded.render(PROFILE_ROWS));
        }
        return all.toString();
    }
}

package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.storage.OutputLocation;
import io.github.bertdistill.eval.Evaluation;
import io.github.bertdistill.eval.ModelSpec;
import io.github.bertdistill.eval.report.ReportWriter;
import io.github.bertdistill.examples.pipeline.LabelMatch;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bert-distill evaluate}: the comparison report for any set of models. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        header = "Compare models on a test set; write the report.",
        description = {
            "Compare models on a labelled test set: accuracy, F1, agreement with the teacher,"
                    + " calibration, McNemar's test, latency (models interleaved), size and"
                    + " memory; write report.json, report.md and report.html.",
            "",
            "A model's role (teacher, student-hard, student-kd, student-kd-aug) comes from"
                    + " --role, else from its folder name as in a run folder, else from its kind."
                    + " Every label of the data must be one of every model's labels.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill evaluate --data test.tsv --text-column sentence \\",
            "      --model bert=runs/sst2/teacher --model cnn=runs/sst2/students/student-kd",
            "  bert-distill evaluate --recipe my-recipe.json --model a=models/a \\",
            "      --role a=teacher --output reports/a"
        })
final class EvaluateCommand implements Callable<Integer> {
    /** Room for the report files (report.html ≈ 1–2 MB) and their temporary copies. */
    private static final long REPORT_BYTES = 10 * OutputLocation.MB;

    @Mixin ModelOptions models;

    @Option(
            names = "--role",
            paramLabel = "NAME=ROLE",
            description =
                    "The report role of a model (repeatable): teacher (what every ratio is taken"
                            + " against), student-hard, student-kd, student-kd-aug (which pick the"
                            + " significance tests), or any other word, shown as it is (default:"
                            + " from the folder's name, else teacher or student).")
    List<String> roleOptions = new ArrayList<>();

    @Mixin DataOptions data;

    @Mixin LatencyOptions latency;

    @Mixin DeviceOption device;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Report folder, checked before any work (default: ${DEFAULT-VALUE}).")
    Path output = Path.of("report");

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        latency.check();
        Map<String, Path> named = models.byName();
        Map<String, String> roles = NamedValues.parse("--role", roleOptions, "cnn=student-kd");
        for (String name : roles.keySet()) {
            if (!named.containsKey(name)) {
                throw new IllegalArgumentException(
                        "--role " + name + "=… names no --model; models: " + named.keySet());
            }
        }
        OutputLocation.requireFolder(output, REPORT_BYTES);
        TextDataset test = data.read();
        EngineInfo pytorch = device.startEngine(named.values());
        // the report names its engine, and beside a model another one, if the folders mix them
        Map<String, Optional<EngineInfo>> others = new LinkedHashMap<>();
        for (Map.Entry<String, Path> model : named.entrySet()) {
            others.put(model.getKey(), ModelFolders.engineOtherThanPyTorch(model.getValue()));
        }
        boolean allOther = others.values().stream().allMatch(Optional::isPresent);
        Evaluation.Builder evaluation =
                Evaluation.builder()
                        .setDataset(test)
                        .optLatency(latency.benchmark(test.texts()))
                        .optEngineInfo(
                                allOther ? others.values().iterator().next().get() : pytorch);
        for (Map.Entry<String, Path> model : named.entrySet()) {
            Path folder = model.getValue();
            LabelMatch.requireCovers(folder, ModelFolders.labels(folder), test);
            evaluation.addModel(
                    ModelSpec.builder()
                            .setName(model.getKey())
                            .setRole(
                                    roles.containsKey(model.getKey())
                                            ? roles.get(model.getKey())
                                            : ModelFolders.role(folder))
                            .setLoader(() -> ModelFolders.load(folder))
                            .optModelDir(folder)
                            .optEngine(allOther ? null : others.get(model.getKey()).orElse(null))
                            .build());
        }
        Path report = ReportWriter.write(evaluation.build().run(), output);
        spec.commandLine().getOut().println("report: " + report.resolve(ReportWriter.HTML_FILE));
        return 0;
    }
}

package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.storage.OutputLocation;
import io.github.bertdistill.eval.footprint.Footprint;
import io.github.bertdistill.examples.pipeline.OnnxExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bert-distill export}: a teacher or student folder as an ONNX folder. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        header = "Export a teacher or student to ONNX.",
        description = {
            "Write a teacher or student folder saved by bert-distill as a folder that runs outside"
                + " the JVM: model.onnx (opset 17; int64 input_ids and attention_mask [batch,"
                + " sequence] with dynamic axes, plus token_type_ids for a teacher; output logits"
                + " [batch, classes]), labels.json, config.json, the tokenizer (a teacher's and a"
                + " WordPiece student's tokenizer.json, every student's vocab.txt) and a README.md"
                + " with the Python lines that run it on ONNX Runtime.",
            "",
            "The output folder must be new or empty; it is written as a whole or not at all. An"
                    + " exported teacher (or WordPiece student) is itself a model folder for"
                    + " predict, evaluate, bench and teacher.finetuned.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill export --model runs/fine-foods/students/student-kd \\",
            "      --output exports/student-kd",
            "  bert-distill export --model runs/fine-foods/teacher --format onnx \\",
            "      --output exports/teacher"
        })
final class ExportCommand implements Callable<Integer> {
    /** The formats a model is exported to, named as users type them. */
    enum Format {
        onnx
    }

    /** Room for the tokenizer, labels and README beside the graph. */
    private static final long SPACE_BESIDE_GRAPH = 16 * OutputLocation.MB;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            required = true,
            description = "The teacher or student folder.")
    Path model;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "onnx",
            description = "The format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            required = true,
            description = "The new folder to write.")
    Path output;

    @Mixin DeviceOption device;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // the graph holds the folder's weights, and is written beside a temporary copy
        long weights = Files.isDirectory(model) ? Footprint.bytesOnDisk(model) : 0;
        OutputLocation.requireFolder(output, 2 * weights + SPACE_BESIDE_GRAPH);
        device.startEngine(List.of(model));
        OnnxExport.write(model, output);
        spec.commandLine().getOut().println("exported: " + output);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

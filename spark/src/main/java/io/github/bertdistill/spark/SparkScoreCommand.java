package io.github.bertdistill.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bert-distill-spark score}: label and probabilities of every text of a corpus. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        header = "Predicted label and probabilities for every text of a corpus.",
        description = {
            "Applies a model folder (a distilled student, a teacher, a TorchScript or ONNX"
                    + " export) to the corpus on the executors and writes one row per text: id,"
                    + " label and the probability of every label, as 'bert-distill predict'"
                    + " answers. The output appears only when the job has succeeded; an existing"
                    + " output is refused.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  spark-submit --master local[2] bert-distill-spark.jar score --model"
                    + " runs/my/students/student-kd-aug --input reviews.txt --output scores",
            "  ... score --model cnn --input hdfs:///corpus --format parquet --text-column body"
                    + " --id-column doc_id --output-format jsonl --output hdfs:///scores"
        })
final class SparkScoreCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            paramLabel = "DIR",
            required = true,
            description = "The model folder, at a path every machine can read.")
    Path model;

    @Option(
            names = "--output",
            paramLabel = "PATH",
            required = true,
            description = "Where to write (any Hadoop file system; must not exist).")
    String output;

    @Option(
            names = "--output-format",
            paramLabel = "FORMAT",
            description = "parquet or jsonl (default: ${DEFAULT-VALUE}).")
    String outputFormat = "parquet";

    @Mixin CorpusOptions corpus;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Partitions of the texts (default: 4 per task slot).")
    int partitions;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Texts per model call (default: ${DEFAULT-VALUE}).")
    int batchSize = 32;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ScoreJob.Builder job =
                ScoreJob.builder()
                        .setSpark(SparkCli.session("score"))
                        .setModel(model)
                        .setCorpus(
                                corpus.corpus(
                                        new Corpus(
                                                corpus.input, "text", "text", null, "UTF-8", "")))
                        .setOutput(output)
                        .optFormat(ScoreJob.format(outputFormat))
                        .optBatchSize(batchSize);
        if (partitions > 0) {
            job.optPartitions(partitions);
        }
        long rows = job.build().run();
        spec.commandLine().getOut().printf("scored %d texts into %s%n", rows, output);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

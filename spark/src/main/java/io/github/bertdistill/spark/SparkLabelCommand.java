package io.github.bertdistill.spark;

import io.github.bertdistill.core.storage.InputLocation;
import io.github.bertdistill.distill.cache.LogitCacheWriter;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bert-distill-spark label}: the teacher's logits for a corpus, into a cache folder. */
@Command(
        name = "label",
        mixinStandardHelpOptions = true,
        header = "Teacher logits for a corpus and its augmented copies, into a cache folder.",
        description = {
            "Runs the teacher on the executors over the corpus and the augmented copies the"
                    + " recipe asks for (augmentation.*, seed), and writes the logits into a"
                    + " teacher-logit cache folder on the driver's machine, in bert-distill's"
                    + " format. Ids get the prefix 'unlabelled/' (--id-prefix), as the texts of a"
                    + " recipe's data.unlabelled do: with --output <run folder>/logits,"
                    + " 'bert-distill label' then labels only what is missing (the training data)"
                    + " and 'distill', 'train' and 'run' use the cache as their own.",
            "",
            "The corpus is read in the recipe's data.unlabelledFormat, textColumn and charset"
                    + " unless --format, --text-column or --charset say otherwise. A re-run over"
                    + " the same folder labels only the texts it does not hold yet.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  spark-submit --master local[2] bert-distill-spark.jar label --recipe my.json"
                    + " --teacher runs/my/teacher --input reviews.jsonl --output runs/my/logits",
            "  ... label --teacher teacher --input hdfs:///corpus/*.txt --format text"
                    + " --set augmentation.copies=0 --output logits"
        })
final class SparkLabelCommand implements Callable<Integer> {
    @Option(
            names = "--teacher",
            paramLabel = "DIR",
            required = true,
            description = "The teacher's model folder, at a path every machine can read.")
    Path teacher;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            required = true,
            description = "The teacher-logit cache folder (on the driver's machine).")
    Path output;

    @Option(
            names = "--features",
            paramLabel = "DIR",
            description =
                    "Also write the teacher's pooled vector of every text into this folder (a run"
                            + " folder's features/), from the same forward passes. Required when"
                            + " the recipe sets student.distillMethod.featureWeight > 0.")
    Path features;

    @Option(
            names = "--recipe",
            paramLabel = "FILE",
            description = "The recipe (default: the built-in one).")
    Path recipe;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Override a recipe key, e.g. augmentation.copies=4 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Mixin CorpusOptions corpus;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "Partitions of the texts (default: 4 per task slot).")
    int partitions;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "Texts per teacher call (default: ${DEFAULT-VALUE}).")
    int batchSize = 32;

    @Option(
            names = "--chunk-size",
            paramLabel = "N",
            description =
                    "Texts sorted together into length-bucketed batches, and records per cache"
                            + " chunk (default: ${DEFAULT-VALUE}).")
    int chunkSize = 4096;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Recipe loaded =
                RecipeLoader.load(
                        recipe == null ? null : InputLocation.requireFile(recipe, "recipe file"),
                        overrides);
        if (loaded.student.distillMethod.featureWeight() > 0 && features == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "the recipe matches the teacher's feature vectors"
                            + " (student.distillMethod.featureWeight > 0): add --features <run"
                            + " folder>/features so that the job writes them beside the logits");
        }
        LabelJob.Builder job =
                LabelJob.builder()
                        .setSpark(SparkCli.session("label"))
                        .setTeacher(teacher)
                        .setCorpus(corpus.corpus(Corpus.ofRecipe(loaded, corpus.input)))
                        .setRecipe(loaded)
                        .setOutput(output)
                        .optBatchSize(batchSize)
                        .optChunkSize(chunkSize);
        if (partitions > 0) {
            job.optPartitions(partitions);
        }
        if (features != null) {
            job.optFeatureDirectory(features);
        }
        LogitCacheWriter.Summary summary = job.build().run();
        spec.commandLine()
                .getOut()
                .printf(
                        "labelled %d texts into %s (%d were cached already)%s%n",
                        summary.labelled(),
                        output,
                        summary.reused(),
                        features == null ? "" : "; teacher features: " + features);
        spec.commandLine().getOut().flush();
        return 0;
    }
}

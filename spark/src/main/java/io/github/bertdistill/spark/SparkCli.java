package io.github.bertdistill.spark;

import io.github.bertdistill.examples.cli.ErrorHandler;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bert-distill-spark} command, the entry point of the spark-submit jar: teacher
 * labelling ({@code label}) and model scoring ({@code score}) as Spark jobs. Errors are reported by
 * {@code bert-distill}'s rule: one line naming what to fix, exit code 2 for bad input and 1
 * otherwise.
 */
@Command(
        name = "bert-distill-spark",
        mixinStandardHelpOptions = true,
        description = {
            "Label a corpus with a teacher, or score one with any model folder, as Spark jobs.",
            ""
        },
        subcommands = {
            SparkLabelCommand.class,
            SparkScoreCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Run it with spark-submit (see the spark module's README, 'On a cluster'):",
            "  spark-submit --master local[2] bert-distill-spark.jar label --teacher"
                    + " runs/r/teacher --input unlabelled.jsonl --output runs/r/logits",
            "Without spark-submit's --master, it runs in local mode on every core."
        })
public final class SparkCli implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine newCommandLine() {
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(new SparkCli())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    /**
     * The Spark session of a job: the one spark-submit configured, or, run without it, a local one
     * on every core.
     */
    static SparkSession session(String job) {
        SparkSession.Builder builder = SparkSession.builder().appName("bert-distill " + job);
        if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        return builder.getOrCreate();
    }

    /** Without a subcommand: print the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

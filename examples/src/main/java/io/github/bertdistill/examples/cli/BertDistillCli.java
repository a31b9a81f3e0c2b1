package io.github.bertdistill.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bert-distill} command: the entry point of the runnable jar.
 *
 * <p>Each job is a subcommand; run with {@code --help} to list them.
 */
@Command(
        name = "bert-distill",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Distil a BERT text classifier into a small, fast TextCNN student,",
            "and compare them on accuracy, latency, size and memory.",
            ""
        },
        subcommands = {
            RunCommand.class,
            FinetuneCommand.class,
            LabelCommand.class,
            TrainCommand.class,
            DistillCommand.class,
            SweepCommand.class,
            ReportCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            ExportCommand.class,
            EngineCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "A recipe step by step: finetune -> label -> distill, and train for the baseline",
            "(each takes --recipe FILE, --set KEY=VALUE, --output DIR), or all at once with",
            "run. Then evaluate, bench or predict with the model folders of the run.",
            "",
            "Examples:",
            "  bert-distill run",
            "  bert-distill predict --model runs/fine-foods/students/student-kd \"Tasty!\"",
            "  bert-distill help evaluate"
        })
public final class BertDistillCli implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        StopNotice.install(System.err);
        int status;
        try {
            status = newCommandLine().execute(args);
        } finally {
            // an Error ends the JVM too, and is no stop
            StopNotice.finished();
        }
        System.exit(status);
    }

    /** The configured command line (also used by tests). */
    public static CommandLine newCommandLine() {
        ErrorHandler errors = new ErrorHandler();
        return new CommandLine(new BertDistillCli())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
    }

    /** Without a subcommand: print the usage. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package io.github.bertdistill.examples.cli;

import io.github.bertdistill.examples.pipeline.StudentJobs;
import picocli.CommandLine.Option;

/**
 * {@code --jobs N} of the commands that train students: train up to N at once, each in its own JVM
 * (see {@link StudentJobs}), e.g. the seeds of {@code student.seeds} on a machine with cores to
 * spare.
 */
final class JobsOption {
    @Option(
            names = "--jobs",
            paramLabel = "N",
            description =
                    "Train up to N students at once, each in its own JVM with cores/N threads"
                            + " and its console output in <run folder>/logs (default: 1, one"
                            + " after another in this JVM).")
    int jobs = 1;

    StudentJobs value() {
        return StudentJobs.parallel(jobs, BertDistillCli.class);
    }
}

package io.github.bertdistill.examples.pipeline;

import com.google.common.base.Preconditions;
import io.github.bertdistill.core.engine.ThreadSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many students train at once. With one job they train one after another in this process; with
 * {@code n > 1} each student trains in a child JVM, at most {@code n} at a time.
 *
 * <p><b>Why processes, not threads.</b> DJL's random seed belongs to the engine, and there is one
 * engine per process: two trainings in one process would draw each other's dropout masks, and a
 * seed would no longer decide its student. A child runs {@code bert-distill train} or {@code
 * distill --role R --seed N} on the run folder's resolved recipe, so it trains exactly the student
 * the parent would have.
 *
 * <p><b>Children.</b> Each gets this JVM's options and class path, and {@code ⌊cores / n⌋} intra-op
 * threads with one inter-op thread, unless this JVM was started with DJL's thread properties, which
 * are then passed on as they are. A child's console output is appended to {@code
 * logs/<student>.log} in the run folder. The trainings on the largest training sets start first, so
 * the short ones fill the gaps at the end. If one fails, no new one starts, the running ones
 * finish, and the error names the student, its exit status, its log and the log's last line. If
 * this JVM is stopped, it stops its children; their checkpoints let the next run resume them.
 */
public final class StudentJobs {
    private static final Logger LOG = LoggerFactory.getLogger(StudentJobs.class);

    private final int jobs;
    private final String mainClass;

    private StudentJobs(int jobs, String mainClass) {
        this.jobs = jobs;
        this.mainClass = mainClass;
    }

    /** One student at a time, in this process. */
    public static StudentJobs sequential() {
        return new StudentJobs(1, null);
    }

    /**
     * Up to {@code jobs} students at once, each in a child JVM started with {@code mainClass}, the
     * {@code bert-distill} entry point; one job trains in this process.
     *
     * @throws IllegalArgumentException if {@code jobs} is less than 1
     */
    public static StudentJobs parallel(int jobs, Class<?> mainClass) {
        Preconditions.checkArgument(jobs >= 1, "--jobs must be at least 1, got %s", jobs);
        return new StudentJobs(jobs, mainClass.getName());
    }

    /** Trains one student in this process. */
    @FunctionalInterface
    interface InProcess {
        void train(StudentSeed student) throws IOException;
    }

    /**
     * Trains {@code students} into {@code run}: one after another with {@code inProcess} for one
     * job, else in child processes, skipping those already saved. Returns the wall time of each
     * student, in seconds, in the order they were started.
     *
     * @throws IOException naming the first student whose training failed
     */
    Map<String, Double> train(RunFolder run, List<StudentSeed> students, InProcess inProcess)
            throws IOException {
        if (jobs == 1) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            for (StudentSeed student : students) {
                long start = System.nanoTime();
                inProcess.train(student);
                seconds.put(student.id(), finished(student, start));
            }
            return seconds;
        }
        return inChildProcesses(run, students);
    }

    private Map<String, Double> inChildProcesses(RunFolder run, List<StudentSeed> students)
            throws IOException {
        List<StudentSeed> queue = new ArrayList<>();
        for (StudentSeed student : students) {
            if (Files.isDirectory(run.student(student.id()))) {
                LOG.info("{}: reusing {}", student.id(), run.student(student.id()));
            } else {
                queue.add(student);
            }
        }
        queue.sort(Comparator.comparing(StudentJobs::trainingSetRank));
        List<Process> running = new ArrayList<>();
        Thread stopChildren =
                new Thread(
                        () -> {
                            synchronized (running) {
                                running.forEach(Process::destroy);
                            }
                        },
                        "stop-student-jobs");
        Runtime.getRuntime().addShutdownHook(stopChildren);
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            AtomicBoolean failed = new AtomicBoolean();
            List<Future<Double>> trainings = new ArrayList<>();
            for (StudentSeed student : queue) {
                trainings.add(
                        pool.submit(
                                () ->
                                        failed.get()
                                                ? null
                                                : trainOne(run, student, running, failed)));
            }
            Map<String, Double> seconds = new LinkedHashMap<>();
            IOException firstFailure = null;
            for (int i = 0; i < trainings.size(); i++) {
                try {
                    Double elapsed = trainings.get(i).get();
                    if (elapsed != null) {
                        seconds.put(queue.get(i).id(), elapsed);
                    }
                } catch (ExecutionException e) {
                    if (firstFailure == null) {
                        firstFailure =
                                e.getCause() instanceof IOException io
                                        ? io
                                        : new IOException(e.getCause().toString(), e.getCause());
                    }
                }
            }
            if (firstFailure != null) {
                throw firstFailure;
            }
            return seconds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopChildren.run();
            throw new IOException("interrupted while students were training", e);
        } finally {
            pool.shutdownNow();
            removeHook(stopChildren);
        }
    }

    /** Trains {@code student} in a child process; returns its wall time in seconds. */
    private double trainOne(
            RunFolder run, StudentSeed student, List<Process> running, AtomicBoolean failed)
            throws IOException, InterruptedException {
        Path log = run.logs().resolve(student.id() + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = command(run, student);
        Files.writeString(
                log,
                "# " + Instant.now() + ": " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        LOG.info("{}: training in a child process, log {}", student.id(), log);
        long start = System.nanoTime();
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        synchronized (running) {
            running.add(process);
        }
        int status = process.waitFor();
        synchronized (running) {
            running.remove(process);
        }
        if (status != 0) {
            failed.set(true);
            throw new IOException(
                    student.id()
                            + " failed with exit status "
                            + status
                            + "; its log "
                            + log
                            + " ends: "
                            + lastLine(log));
        }
        return finished(student, start);
    }

    /** Logs and returns the wall time of {@code student} since {@code start}, in seconds. */
    private static double finished(StudentSeed student, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("{} finished in {} s", student.id(), String.format(Locale.ROOT, "%.1f", seconds));
        return seconds;
    }

    /** The child's command line: this JVM, its options, the student's stage command. */
    List<String> command(RunFolder run, StudentSeed student) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        options.stream()
                .filter(option -> !option.startsWith("-agentlib:jdwp"))
                .forEach(command::add);
        if (options.stream().noneMatch(option -> option.startsWith(threadProperty()))) {
            int intraOp = Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
            command.add("-D" + ThreadSettings.INTRA_OP_PROPERTY + "=" + intraOp);
            command.add("-D" + ThreadSettings.INTER_OP_PROPERTY + "=1");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        if (student.role().distilled()) {
            command.addAll(List.of("distill", "--role", student.role().id()));
        } else {
            command.add("train");
        }
        command.addAll(
                List.of(
                        "--recipe",
                        run.recipe().toString(),
                        "--output",
                        run.root().toString(),
                        "--seed",
                        Long.toString(student.seed())));
        return command;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is stopping: the hook is stopping the children right now.
        }
    }

    private static String threadProperty() {
        return "-D" + ThreadSettings.INTRA_OP_PROPERTY + "=";
    }

    /** Larger training sets first: the transfer set, then the training data. */
    private static int trainingSetRank(StudentSeed student) {
        return student.role() == StudentRole.KD_AUG ? 0 : 1;
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "(empty)";
    }
}

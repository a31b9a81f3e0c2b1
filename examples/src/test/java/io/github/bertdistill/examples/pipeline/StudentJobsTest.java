package io.github.bertdistill.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StudentJobs}: what a child process is told, and what its failure tells the user. */
class StudentJobsTest {
    /** With two jobs nothing may train in this process. */
    private static final StudentJobs.InProcess IN_PROCESS =
            student -> {
                throw new AssertionError("trained in the test's JVM: " + student.id());
            };

    @TempDir Path folder;

    /** Stands in for the command line: prints an error as it would, and exits with status 3. */
    public static final class FailingMain {
        public static void main(String[] args) {
            System.out.println("training " + String.join(" ", args));
            System.err.println("bert-distill: student.textcnn.dropout must be in [0, 1)");
            System.exit(3);
        }
    }

    /** Stands in for the command line: a training that succeeds at once. */
    public static final class PassingMain {
        public static void main(String[] args) {
            System.out.println("training " + String.join(" ", args));
        }
    }

    @Test
    void theWallTimeOfEachStudentIsReturnedInStartingOrder() throws IOException {
        RunFolder run = new RunFolder(folder);
        StudentSeed hard = new StudentSeed(StudentRole.HARD, 7, true);
        StudentSeed augmented = new StudentSeed(StudentRole.KD_AUG, 8, false);

        Map<String, Double> seconds =
                StudentJobs.parallel(2, PassingMain.class)
                        .train(run, List.of(hard, augmented), IN_PROCESS);

        // The transfer-set student, the longest training, is started first.
        assertEquals(
                List.of("student-kd-aug-seed8", "student-hard"), List.copyOf(seconds.keySet()));
        assertTrue(seconds.values().stream().allMatch(elapsed -> elapsed > 0), seconds.toString());
    }

    @Test
    void aChildRunsTheStudentsStageCommandWithItsSeed() {
        RunFolder run = new RunFolder(folder);
        StudentJobs jobs = StudentJobs.parallel(2, FailingMain.class);

        List<String> distill = jobs.command(run, new StudentSeed(StudentRole.KD_AUG, 44, false));
        List<String> train = jobs.command(run, new StudentSeed(StudentRole.HARD, 42, true));

        assertEquals(
                List.of(
                        FailingMain.class.getName(),
                        "distill",
                        "--role",
                        "student-kd-aug",
                        "--recipe",
                        run.recipe().toString(),
                        "--output",
                        folder.toString(),
                        "--seed",
                        "44"),
                distill.subList(distill.indexOf(FailingMain.class.getName()), distill.size()));
        assertEquals("train", train.get(train.indexOf(FailingMain.class.getName()) + 1));
        assertTrue(distill.get(0).endsWith("java"), distill.get(0));
    }

    @Test
    void aFailedChildIsNamedWithItsStatusAndTheEndOfItsLog() throws IOException {
        RunFolder run = new RunFolder(folder);
        StudentJobs jobs = StudentJobs.parallel(2, FailingMain.class);

        IOException failure =
                assertThrows(
                        IOException.class,
                        () ->
                                jobs.train(
                                        run,
                                        List.of(new StudentSeed(StudentRole.KD, 7, true)),
                                        IN_PROCESS));

        Path log = folder.resolve("logs/student-kd.log");
        assertEquals(
                "student-kd failed with exit status 3; its log "
                        + log
                        + " ends: bert-distill: student.textcnn.dropout must be in [0, 1)",
                failure.getMessage());
        assertTrue(Files.readString(log).contains("training distill --role student-kd"));
    }

    @Test
    void savedStudentsAreNotTrainedAgain() throws IOException {
        RunFolder run = new RunFolder(folder);
        StudentSeed saved = new StudentSeed(StudentRole.HARD, 7, true);
        Files.createDirectories(run.student(saved.id()));

        StudentJobs.parallel(2, FailingMain.class).train(run, List.of(saved), IN_PROCESS);

        assertTrue(Files.notExists(run.logs()));
    }
}

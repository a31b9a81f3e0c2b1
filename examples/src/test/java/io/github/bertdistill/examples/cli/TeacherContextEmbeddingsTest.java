package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.examples.testing.TinyRun;
import io.github.bertdistill.student.init.WordVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code student.embeddings = teacher-context}: the teacher's contextual token vectors are pooled
 * once per run folder before the students train, and pooled again when the teacher changes.
 */
class TeacherContextEmbeddingsTest {
    @TempDir Path folder;

    @Test
    void theVectorsArePooledOnceAndAgainForANewTeacher() throws Exception {
        String recipe = TinyRun.recipe(folder).toString();
        Path run = folder.resolve("run");
        String[] options = {
            "--recipe",
            recipe,
            "--output",
            run.toString(),
            "--set",
            "student.embeddings=teacher-context"
        };
        assertEquals(0, CliResult.run(StageCommandsTest.concat("finetune", options)).exitCode());
        CliResult hard = CliResult.run(StageCommandsTest.concat("train", options));
        assertEquals(0, hard.exitCode(), hard.toString());

        Path file = run.resolve("teacher-context.vec");
        WordVectors vectors = WordVectors.read(file, w -> true);
        assertEquals(TinyRun.HIDDEN_SIZE, vectors.dimension());
        assertNotNull(vectors.get("good"), "a word of the training texts");
        assertNotNull(vectors.get("awful"), "a word of the training texts");
        assertTrue(vectors.get("[CLS]") == null && vectors.get("[SEP]") == null);
        assertFalse(vectors.get("good")[0] == 0f && vectors.get("good")[1] == 0f);

        FileTime pooled = Files.getLastModifiedTime(file);
        assertEquals(0, CliResult.run(StageCommandsTest.concat("label", options)).exitCode());
        CliResult kd =
                CliResult.run(StageCommandsTest.concat("distill", options, "--role", "student-kd"));
        assertEquals(0, kd.exitCode(), kd.toString());
        assertEquals(pooled, Files.getLastModifiedTime(file), "pooled once per run folder");

        CliResult retrained =
                CliResult.run(
                        StageCommandsTest.concat(
                                "run", // the teacher's students go too: run makes them again
                                options,
                                "--retrain",
                                "--set",
                                "teacher.training.epochs=2"));
        assertEquals(0, retrained.exitCode(), retrained.toString());
        assertFalse(
                Arrays.equals(vectors.get("good"), WordVectors.read(file, w -> true).get("good")),
                "the vectors of the old teacher are gone; the new teacher's are pooled");

        // The run folder's teacher now has 2 epochs: later commands say so too.
        options =
                StageCommandsTest.concat(
                        options[0],
                        Arrays.copyOfRange(options, 1, options.length),
                        "--set",
                        "teacher.training.epochs=2");
        String[] layer0 =
                StageCommandsTest.concat("--retrain", options, "--set", "student.contextLayer=0");
        CliResult embedded = CliResult.run(StageCommandsTest.concat("run", layer0));
        assertEquals(0, embedded.exitCode(), embedded.toString());
        float[] atLayer0 = WordVectors.read(file, w -> true).get("good");
        assertFalse(Arrays.equals(vectors.get("good"), atLayer0), "another layer, other vectors");

        // A layer the teacher does not have: checked when the teacher is read, in a folder with
        // only the teacher (in this one, the change would first be refused for its students)
        Path onlyTeacher = Files.createDirectories(folder.resolve("only-teacher"));
        try (Stream<Path> files = Files.walk(run.resolve("teacher"))) {
            for (Path from : files.toList()) {
                Files.copy(from, onlyTeacher.resolve(run.relativize(from).toString()));
            }
        }
        String[] inOnlyTeacher = options.clone();
        inOnlyTeacher[3] = onlyTeacher.toString();
        CliResult tooDeep =
                CliResult.run(
                        StageCommandsTest.concat(
                                "train", inOnlyTeacher, "--set", "student.contextLayer=2"));
        assertEquals(2, tooDeep.exitCode(), tooDeep.toString());
        assertTrue(
                tooDeep.err().contains("student.contextLayer")
                        && tooDeep.err().contains("must be in [0, 1], got 2"),
                tooDeep.err());
    }
}

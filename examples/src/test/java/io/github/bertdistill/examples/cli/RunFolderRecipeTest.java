package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.examples.recipe.RecipeLoader;
import io.github.bertdistill.examples.testing.TinyRun;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run folder's {@code recipe.json} always describes the models in the folder: a command that
 * fails its checks or is refused leaves it (and a new folder) untouched, a change that conflicts
 * with a trained model is refused unless {@code --retrain}, and a reused model says so.
 */
class RunFolderRecipeTest {
    @TempDir Path folder;

    private String[] options(Path run, String... sets) throws Exception {
        String[] options = {
            "--recipe", TinyRun.recipe(folder).toString(), "--output", run.toString()
        };
        for (String set : sets) {
            options = StageCommandsTest.concat(options[0], drop(options), "--set", set);
        }
        return options;
    }

    private static String[] drop(String[] options) {
        String[] rest = new String[options.length - 1];
        System.arraycopy(options, 1, rest, 0, rest.length);
        return rest;
    }

    @Test
    void aRecipeThatFailsItsChecksLeavesNothingBehind() throws Exception {
        Path run = folder.resolve("new-run");

        CliResult bad =
                CliResult.run(
                        StageCommandsTest.concat("train", options(run, "augmentation.copies=-1")));

        assertEquals(2, bad.exitCode(), bad.toString());
        assertEquals(
                "bert-distill: --set augmentation.copies=-1: augmentation.copies: must be >= 0,"
                        + " got -1",
                bad.err().strip());
        assertFalse(Files.exists(run), "no folder, no recipe, no data copy");
    }

    @Test
    void aPresetWhoseJarIsAbsentIsRefusedBeforeTheRunFolderIsMade() throws Exception {
        Path run = folder.resolve("preset-run");
        String[] command =
                StageCommandsTest.concat(
                        "finetune",
                        options(
                                run,
                                "teacher.checkpoint=null",
                                "teacher.preset=bert-base-uncased"));
        // bert-base-uncased comes in an optional jar (the Maven profile bert-base)
        boolean available = BertPreset.BERT_BASE_UNCASED.isAvailable();

        CliResult refused = available ? null : CliResult.run(command);

        if (available) {
            assertEquals(
                    "bert-base-uncased",
                    RecipeLoader.load(null, List.of("teacher.preset=bert-base-uncased"))
                            .teacher
                            .preset);
        } else {
            assertEquals(2, refused.exitCode(), refused.toString());
            assertEquals(
                    "bert-distill: teacher.preset: bert-base-uncased: the jar that carries it is"
                            + " not on the class path (see the teacher-bert README)",
                    refused.errorLine());
            assertFalse(Files.exists(run), "no folder, no recipe, no data copy");
        }
    }

    @Test
    void failedRefusedAndNoOpCommandsNeverRewriteTheRecipe() throws Exception {
        Path run = folder.resolve("run");
        CliResult trained = CliResult.run(StageCommandsTest.concat("train", options(run)));
        assertEquals(0, trained.exitCode(), trained.toString());
        assertEquals("student: " + run.resolve("students/student-hard"), trained.out().strip());
        Path recipe = run.resolve("recipe.json");
        byte[] written = Files.readAllBytes(recipe);
        FileTime writtenAt = Files.getLastModifiedTime(recipe);

        CliResult invalid =
                CliResult.run(
                        StageCommandsTest.concat("label", options(run, "augmentation.copies=-1")));
        assertEquals(2, invalid.exitCode(), invalid.toString());

        CliResult zeroBatch =
                CliResult.run(
                        StageCommandsTest.concat(
                                "train", options(run, "student.training.batchSize=0")));
        assertEquals(2, zeroBatch.exitCode(), zeroBatch.toString());
        assertTrue(zeroBatch.err().contains("student.training.batchSize: must be >= 1, got 0"));

        CliResult conflict =
                CliResult.run(
                        StageCommandsTest.concat(
                                "train", options(run, "student.training.epochs=2")));
        assertEquals(2, conflict.exitCode(), conflict.toString());
        assertEquals(
                "bert-distill: "
                        + run
                        + ": student.training.epochs is 1 in recipe.json but 2 now, and"
                        + " students/student-hard, students/student-hard-training were made with"
                        + " it; use a new --output folder, or add --retrain to delete them and"
                        + " make them again",
                conflict.err().strip());

        CliResult again = CliResult.run(StageCommandsTest.concat("train", options(run)));
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(
                "student: "
                        + run.resolve("students/student-hard")
                        + " (reused: made earlier with this recipe)",
                again.out().strip());

        assertArrayEquals(written, Files.readAllBytes(recipe));
        assertEquals(writtenAt, Files.getLastModifiedTime(recipe));
    }

    @Test
    void aDataFileRewrittenInPlaceIsAChangedKeyAndAnotherPathToTheSameFileIsNot() throws Exception {
        Path run = folder.resolve("run");
        assertEquals(0, CliResult.run(StageCommandsTest.concat("train", options(run))).exitCode());
        Path train = folder.resolve("train.tsv");
        String[] sameRecipe = options(run);
        String[] otherPath = options(run, "data.train=" + folder.resolve(".").resolve("train.tsv"));

        CliResult samePathElsewhere = CliResult.run(StageCommandsTest.concat("train", otherPath));
        assertEquals(0, samePathElsewhere.exitCode(), samePathElsewhere.toString());
        assertTrue(samePathElsewhere.out().contains("(reused"), samePathElsewhere.out());

        List<String> rows = Files.readAllLines(train);
        Files.write(train, rows.subList(0, rows.size() - 1));
        CliResult rewritten = CliResult.run(StageCommandsTest.concat("train", sameRecipe));

        assertEquals(2, rewritten.exitCode(), rewritten.toString());
        assertTrue(
                rewritten
                        .err()
                        .startsWith(
                                "bert-distill: "
                                        + run
                                        + ": the file of data.train, \""
                                        + train
                                        + "\", changed since (SHA-256 "),
                rewritten.err());
        assertTrue(
                rewritten
                        .err()
                        .contains(
                                "… now), and students/student-hard,"
                                        + " students/student-hard-training were made with it; use"
                                        + " a new --output folder, or add --retrain"),
                rewritten.err());
    }

    @Test
    void retrainRefusesToDeleteAModelTheCommandDoesNotMake() throws Exception {
        Path run = folder.resolve("run");
        assertEquals(0, CliResult.run(StageCommandsTest.concat("train", options(run))).exitCode());

        CliResult refused =
                CliResult.run(
                        StageCommandsTest.concat(
                                "distill", options(run, "student.training.epochs=2"), "--retrain"));

        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(
                refused.err()
                        .contains(
                                "; --retrain deletes only what this command makes again, and it"
                                        + " does not make students/student-hard,"
                                        + " students/student-hard-training: use 'bert-distill run"
                                        + " --retrain'"),
                refused.err());
        assertTrue(Files.isDirectory(run.resolve("students/student-hard")));
    }

    @Test
    void aChangeThatNoModelDependsOnIsTakenWhenItsStageRuns() throws Exception {
        Path run = folder.resolve("run");
        assertEquals(0, CliResult.run(StageCommandsTest.concat("train", options(run))).exitCode());

        // No distilled student exists yet: its method may change; the next stage that works with
        // the recipe writes it.
        CliResult changed =
                CliResult.run(
                        StageCommandsTest.concat(
                                "train", options(run, "student.distillMethod.learningRate=0.01")));

        assertEquals(0, changed.exitCode(), changed.toString());
        assertTrue(changed.out().contains("(reused"), changed.out());
        assertEquals(
                0.001f,
                RecipeLoader.readResolved(run.resolve("recipe.json"))
                        .student
                        .distillMethod
                        .learningRate(),
                "train reused its student, so no stage ran with the new recipe");
    }

    @Test
    void retrainDeletesWhatAChangedKeyInvalidatesAndTrainsItAgain() throws Exception {
        Path run = folder.resolve("run");
        assertEquals(0, CliResult.run(StageCommandsTest.concat("train", options(run))).exitCode());

        CliResult retrained =
                CliResult.run(
                        StageCommandsTest.concat(
                                "train", options(run, "student.training.epochs=2"), "--retrain"));

        assertEquals(0, retrained.exitCode(), retrained.toString());
        assertEquals("student: " + run.resolve("students/student-hard"), retrained.out().strip());
        assertEquals(
                2, RecipeLoader.readResolved(run.resolve("recipe.json")).student.training.epochs());
        List<String> log =
                Files.readAllLines(run.resolve("students/student-hard-training/metrics.jsonl"));
        assertTrue(
                log.stream().anyMatch(line -> line.contains("\"event\":\"epoch\",\"epoch\":2")),
                "trained again, for 2 epochs: " + log);
    }
}

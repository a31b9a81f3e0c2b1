package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.storage.UnusablePathException;
import io.github.bertdistill.examples.testing.TinyRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit-code rule of {@link ErrorHandler}, one class of error at a time: 2 and one line naming
 * what to fix for anything the user can fix in their input, 1 for the rest.
 */
class CliErrorsTest {
    @TempDir static Path folder;
    private static Path student;
    private static Path data;

    @BeforeAll
    static void saveModel() throws IOException {
        student = TinyRun.student(folder.resolve("cnn"), TinyRun.LABELS);
        data = TinyRun.data(folder.resolve("test.tsv"), 8);
    }

    @Test
    void aMalformedOptionValueIsOneLinePointingToHelp() {
        CliResult result = CliResult.run("bench", "--data", data.toString(), "--rounds", "x");

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: Invalid value for option '--rounds': 'x' is not an int (see"
                        + " 'bert-distill bench --help')",
                result.errorLine());
    }

    @Test
    void aMisspeltOptionGetsASuggestion() {
        CliResult result =
                CliResult.run(
                        "bench",
                        "--data",
                        data.toString(),
                        "--model",
                        "cnn=" + student,
                        "--round",
                        "3");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.errorLine().contains("did you mean --rounds?"), result.err());
    }

    @Test
    void aWrongOptionValueNamesTheOption() {
        CliResult result =
                CliResult.run(
                        "evaluate",
                        "--data",
                        data.toString(),
                        "--model",
                        "cnn=" + student,
                        "--role",
                        "bert=teacher",
                        "--output",
                        folder.resolve("report").toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.errorLine().contains("--role bert="), result.err());
    }

    @Test
    void aMissingDataFileIsNamed() {
        Path missing = folder.resolve("no.tsv");
        CliResult result =
                CliResult.run("bench", "--data", missing.toString(), "--model", "cnn=" + student);

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("bert-distill: data file not found: " + missing, result.errorLine());
    }

    @Test
    void aFolderGivenAsDataFileIsSaidToBeAFolder() {
        CliResult result =
                CliResult.run("bench", "--data", folder.toString(), "--model", "cnn=" + student);

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: data file "
                        + folder
                        + " is a folder, not a file: give the file"
                        + " itself",
                result.errorLine());
    }

    @Test
    void aFolderGivenAsRecipeIsSaidToBeAFolder() {
        CliResult result =
                CliResult.run("bench", "--recipe", folder.toString(), "--model", "cnn=" + student);

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.errorLine().contains("recipe file " + folder + " is a folder"));
    }

    @Test
    void aFolderGivenAsTextFileIsSaidToBeAFolder() {
        CliResult result =
                CliResult.run(
                        "predict", "--model", student.toString(), "--file", folder.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.errorLine().contains("text file " + folder + " is a folder"));
    }

    @Test
    void aFileGivenAsModelFolderIsSaidToBeAFile() {
        CliResult result = CliResult.run("predict", "--model", data.toString(), "tasty");

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: model folder "
                        + data
                        + " is a file, not a folder: give the"
                        + " folder that holds it",
                result.errorLine());
    }

    @Test
    void aBadDataRowNamesFileLineAndField() throws IOException {
        Path bad =
                Files.writeString(
                        folder.resolve("bad.tsv"), "text\tlabel\nfine\tgreat\n \tother\n");
        CliResult result =
                CliResult.run("bench", "--data", bad.toString(), "--model", "cnn=" + student);

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: " + bad + ":3: field 'text': the text is empty or blank",
                result.errorLine());
    }

    @Test
    void anUnknownRecipeKeyIsNamed() {
        CliResult result = CliResult.run("run", "--set", "teacher.temprature=2");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.errorLine().contains("teacher.temprature"), result.err());
    }

    @Test
    void aRecipeKeyGivenTwiceOrACommentIsRefusedNotReadLeniently() throws IOException {
        Path twice =
                Files.writeString(
                        folder.resolve("twice.json"), "{\"name\": \"a\", \"name\": \"b\"}");
        Path comment =
                Files.writeString(folder.resolve("comment.json"), "{\n// a note\n\"seed\": 1}");

        CliResult repeated = CliResult.run("train", "--recipe", twice.toString());
        CliResult commented = CliResult.run("train", "--recipe", comment.toString());

        assertEquals(2, repeated.exitCode(), repeated.toString());
        assertEquals("bert-distill: " + twice + ": 'name' is given twice", repeated.errorLine());
        assertEquals(2, commented.exitCode(), commented.toString());
        assertTrue(
                commented
                        .errorLine()
                        .startsWith(
                                "bert-distill: "
                                        + comment
                                        + ": invalid JSON: malformed JSON at"
                                        + " line 2"),
                commented.errorLine());
    }

    @Test
    void aModelFolderWithDamagedWeightsIsNamed() throws IOException {
        Path damaged = TinyRun.student(folder.resolve("damaged"), TinyRun.LABELS);
        Path weights = damaged.resolve("model.safetensors");
        Files.write(weights, new byte[] {1, 2, 3});

        CliResult result = CliResult.run("predict", "--model", damaged.toString(), "tasty");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(
                result.errorLine()
                        .startsWith(
                                "bert-distill: model folder " + damaged + " cannot be loaded: "),
                result.err());
        assertTrue(result.err().contains(weights.toString()), result.err());
    }

    @Test
    void aModelFolderWithMalformedConfigIsNamedWithoutJavaNames() throws IOException {
        Path broken = TinyRun.student(folder.resolve("broken"), TinyRun.LABELS);
        Files.writeString(broken.resolve("config.json"), "{\"format\": ");

        CliResult result = CliResult.run("predict", "--model", broken.toString(), "tasty");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(
                result.errorLine().contains(broken.resolve("config.json") + ": invalid JSON: "),
                result.err());
    }

    @Test
    void anUnusableOutputIsRefusedBeforeAnyModelIsLoaded() throws IOException {
        Path file = Files.writeString(folder.resolve("report-file"), "");
        CliResult result =
                CliResult.run(
                        "evaluate",
                        "--data",
                        data.toString(),
                        "--model",
                        "cnn=" + folder.resolve("model-never-looked-at"),
                        "--output",
                        file.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: cannot write to " + file + ": it is a file, not a folder",
                result.errorLine());
    }

    @Test
    void aRecipeCommandRefusesAFileAsRunFolderBeforeAnyWork() throws IOException {
        Path recipe = TinyRun.recipe(Files.createDirectories(folder.resolve("tiny-out")));
        Path file = Files.writeString(folder.resolve("afile"), "");
        for (String command : List.of("run", "finetune", "train")) {
            CliResult result =
                    CliResult.run(
                            command, "--recipe", recipe.toString(), "--output", file.toString());

            assertEquals(2, result.exitCode(), result.toString());
            assertEquals(
                    "bert-distill: cannot write to " + file + ": it is a file, not a folder",
                    result.errorLine());
        }
        CliResult folderAsRecipe = CliResult.run("finetune", "--recipe", folder.toString());
        assertEquals(2, folderAsRecipe.exitCode(), folderAsRecipe.toString());
        assertEquals(
                "bert-distill: recipe file "
                        + folder
                        + " is a folder, not a file: give the file itself",
                folderAsRecipe.errorLine());
    }

    @Test
    void aDeviceTheEngineLacksIsRefusedBeforeAnyModelIsLoaded() {
        CliResult gpu =
                CliResult.run("predict", "--model", student.toString(), "--device", "gpu:7", "ok");
        assertEquals(2, gpu.exitCode(), gpu.toString());
        assertTrue(
                gpu.errorLine()
                        .startsWith(
                                "bert-distill: device gpu:7 asked for, but the PyTorch engine"
                                        + " sees"),
                gpu.errorLine());
        CliResult bad =
                CliResult.run("predict", "--model", student.toString(), "--device", "tpu", "ok");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertEquals(
                "bert-distill: --device: expected auto, cpu, gpu or gpu:N, got \"tpu\"",
                bad.errorLine());
    }

    @Test
    void benchRefusesAFolderAsOutputFile() {
        CliResult result =
                CliResult.run(
                        "bench",
                        "--data",
                        data.toString(),
                        "--model",
                        "cnn=" + student,
                        "--output",
                        folder.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(
                "bert-distill: cannot write to " + folder + ": it is a folder, not a file",
                result.errorLine());
    }

    @Test
    void aStageRunTooEarlyNamesTheStageToRunFirst() throws IOException {
        Path recipe = TinyRun.recipe(Files.createDirectories(folder.resolve("tiny")));
        CliResult result =
                CliResult.run(
                        "label",
                        "--recipe",
                        recipe.toString(),
                        "--output",
                        folder.resolve("tiny-run").toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(
                result.errorLine().contains("run 'bert-distill finetune --recipe " + recipe),
                result.err());
    }

    @Test
    void inputErrorsExitWithTwoAndEverythingElseWithOne() {
        assertEquals(
                2,
                ErrorHandler.exitCode(
                        new UnusablePathException(Path.of("x"), "cannot write to x: read-only")));
        assertEquals(
                2,
                ErrorHandler.exitCode(
                        new UncheckedIOException(new NoSuchFileException("data.tsv"))));
        assertEquals(1, ErrorHandler.exitCode(new IllegalStateException("engine failed")));
        assertEquals(1, ErrorHandler.exitCode(new IOException("cannot write x: disk full")));
    }

    @Test
    void messagesAreOneLineWithoutJavaClassNames() {
        assertEquals(
                "c/config.json: invalid JSON: End of input at line 2",
                ErrorHandler.describe(
                        new IOException(
                                "c/config.json: invalid JSON: java.io.EOFException: End of input"
                                        + " at line 2"),
                        false));
        assertEquals(
                "weights do not fit: 1 loaded (more with --verbose)",
                ErrorHandler.describe(
                        new IOException("weights do not fit: 1 loaded\n  178 missing:\n    a.b"),
                        false));
        assertEquals(
                "runs/x: it already exists",
                ErrorHandler.describe(new FileAlreadyExistsException("runs/x"), false));
        String internal = ErrorHandler.describe(new NullPointerException(), false);
        assertFalse(internal.contains("Exception"), internal);
        assertTrue(internal.contains("--verbose"), internal);
    }
}

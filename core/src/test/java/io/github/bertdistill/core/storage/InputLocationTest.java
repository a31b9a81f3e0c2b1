package io.github.bertdistill.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputLocationTest {
    @TempDir Path root;

    @Test
    void acceptsAFileAndAFolderOfTheRightKind() throws IOException {
        Path file = Files.writeString(root.resolve("test.tsv"), "text\tlabel\n");

        assertEquals(file, InputLocation.requireFile(file, "data file"));
        assertEquals(root, InputLocation.requireFolder(root, "model folder"));
    }

    @Test
    void aMissingPathIsNotFound() {
        NoSuchFileException e =
                assertThrows(
                        NoSuchFileException.class,
                        () -> InputLocation.requireFile(root.resolve("no.tsv"), "data file"));

        assertEquals("data file not found", e.getReason());
        assertEquals(root.resolve("no.tsv").toString(), e.getFile());
    }

    @Test
    void aFolderGivenAsFileIsSaidToBeAFolder() {
        UnusablePathException e =
                assertThrows(
                        UnusablePathException.class,
                        () -> InputLocation.requireFile(root, "data file"));

        assertEquals(
                "data file " + root + " is a folder, not a file: give the file itself",
                e.getMessage());
    }

    @Test
    void aFileGivenAsFolderIsSaidToBeAFile() throws IOException {
        Path file = Files.writeString(root.resolve("config.json"), "{}");

        UnusablePathException e =
                assertThrows(
                        UnusablePathException.class,
                        () -> InputLocation.requireFolder(file, "model folder"));

        assertEquals(
                "model folder " + file + " is a file, not a folder: give the folder that holds it",
                e.getMessage());
    }
}

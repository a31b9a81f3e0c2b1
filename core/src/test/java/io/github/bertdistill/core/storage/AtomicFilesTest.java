package io.github.bertdistill.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir Path root;

    @Test
    void replacesTheFileAndLeavesNothingElse() throws IOException {
        Path file = root.resolve("report").resolve("report.json");
        AtomicFiles.writeString(file, "old");

        AtomicFiles.writeString(file, "new");

        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), entries(file.getParent()));
    }

    @Test
    void aFailedWriteNamesTheFileAndTheCauseAndKeepsTheOldContent() throws IOException {
        Path file = root.resolve("report.json");
        AtomicFiles.writeString(file, "old");

        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFiles.write(
                                        file,
                                        out -> {
                                            out.write('{');
                                            throw new IOException("No space left on device");
                                        }));

        assertEquals("cannot write " + file + ": No space left on device", e.getMessage());
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), entries(root));
    }

    @Test
    void aFileInPlaceOfTheFolderIsNamed() throws IOException {
        Path blocker = Files.writeString(root.resolve("report"), "a file");
        Path file = blocker.resolve("report.json");

        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(file, "x"));

        assertEquals(
                "cannot write " + file + ": " + blocker + ": it already exists", e.getMessage());
    }

    @Test
    void aFolderInPlaceOfTheFileIsNamed() throws IOException {
        Path file = Files.createDirectories(root.resolve("report.json").resolve("inside"));

        IOException e =
                assertThrows(
                        IOException.class, () -> AtomicFiles.writeString(file.getParent(), "x"));

        assertEquals("cannot write " + file.getParent() + ": Is a directory", e.getMessage());
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }
}

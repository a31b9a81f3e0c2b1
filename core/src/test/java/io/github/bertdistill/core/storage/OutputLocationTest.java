package io.github.bertdistill.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class OutputLocationTest {
    private static final long GB = 1024 * OutputLocation.MB;

    @TempDir Path root;

    @Test
    void aNewFolderInAWritableFolderIsUsable() throws IOException {
        Path folder = root.resolve("runs").resolve("x");

        assertEquals(folder, OutputLocation.requireFolder(folder, OutputLocation.MB));
        assertFalse(Files.exists(folder), "checking creates nothing");
    }

    @Test
    void anExistingFolderAndFileAreUsable() throws IOException {
        Path file = Files.writeString(root.resolve("table.txt"), "old");

        assertEquals(root, OutputLocation.requireFolder(root, 1));
        assertEquals(file, OutputLocation.requireFile(file, 1));
    }

    @Test
    void aFileWhereAFolderIsWantedIsNamed() throws IOException {
        Path file = Files.writeString(root.resolve("x"), "");

        assertUnusable(
                "cannot write to " + file + ": it is a file, not a folder",
                () -> OutputLocation.requireFolder(file, 1));
    }

    @Test
    void aFolderWhereAFileIsWantedIsNamed() {
        assertUnusable(
                "cannot write to " + root + ": it is a folder, not a file",
                () -> OutputLocation.requireFile(root, 1));
    }

    @Test
    void aFileInThePathOfANewFolderIsNamed() throws IOException {
        Path file = Files.writeString(root.resolve("runs"), "");
        Path folder = file.resolve("x").resolve("report");

        assertUnusable(
                "cannot write to " + folder + ": " + file + " is a file, not a folder",
                () -> OutputLocation.requireFolder(folder, 1));
    }

    @Test
    void aReadOnlyFolderIsNamed() throws IOException {
        OutputLocation readOnly = new OutputLocation(path -> !path.equals(root), path -> GB);
        Path file = Files.writeString(root.resolve("table.txt"), "");

        assertUnusable(
                "cannot write to " + root + ": it is read-only", () -> readOnly.folder(root, 1));
        Path inside = root.resolve("runs").resolve("x");
        assertUnusable(
                "cannot write to " + inside + ": " + root + " is read-only",
                () -> readOnly.folder(inside, 1));
        assertUnusable(
                "cannot write to " + file + ": its folder " + root + " is read-only",
                () -> readOnly.file(file, 1));
    }

    @Test
    void aFolderWithoutWritePermissionIsRefusedUnlessThisProcessMayWriteAnyway()
            throws IOException {
        Path locked =
                Files.createDirectory(
                        root.resolve("locked"),
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("r-xr-xr-x")));
        // As root, permission bits do not stop writing: the check follows what this process may do.
        if (Files.isWritable(locked)) {
            Path inside = locked.resolve("x");
            assertEquals(inside, OutputLocation.requireFolder(inside, 1));
            Files.createDirectory(inside);
        } else {
            assertUnusable(
                    "cannot write to " + locked.resolve("x") + ": " + locked + " is read-only",
                    () -> OutputLocation.requireFolder(locked.resolve("x"), 1));
        }
    }

    @Test
    void anEmptyPathIsNoLocation() {
        assertUnusable(
                "the output location is empty: name a path",
                () -> OutputLocation.requireFile(Path.of(""), 1));
        assertUnusable(
                "the output location is empty: name a path",
                () -> OutputLocation.requireFolder(Path.of(""), 1));
    }

    @Test
    void tooLittleFreeSpaceIsNamedWithBothSizes() {
        OutputLocation small = new OutputLocation(path -> true, path -> 12 * OutputLocation.MB);
        Path folder = root.resolve("runs");

        assertUnusable(
                "cannot write to "
                        + folder
                        + ": only 12 MB free on its file system ("
                        + fileSystemType(root)
                        + "), needs about 1.0 GB",
                () -> small.folder(folder, GB));
    }

    @Test
    void theRealFreeSpaceIsAsked() {
        UnusablePathException e =
                assertThrows(
                        UnusablePathException.class,
                        () -> OutputLocation.requireFolder(root.resolve("x"), Long.MAX_VALUE));

        assertEquals(root.resolve("x"), e.path());
    }

    @Test
    void sizesAreWords() {
        assertEquals("1 KB", OutputLocation.size(100));
        assertEquals("12 MB", OutputLocation.size(12 * OutputLocation.MB));
        assertEquals("1.5 GB", OutputLocation.size(3 * GB / 2));
    }

    private static void assertUnusable(String message, Executable check) {
        UnusablePathException e = assertThrows(UnusablePathException.class, check);
        assertEquals(message, e.getMessage());
    }

    private static String fileSystemType(Path path) {
        try {
            return Files.getFileStore(path).type();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.bertdistill.core.storage;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks that a file or folder the user named exists and is of the kind asked for, before it is
 * read, so that the message says what is wrong with it rather than what failed later.
 */
public final class InputLocation {
    private InputLocation() {}

    /**
     * Checks that {@code file} is a readable file.
     *
     * @param what what the file is, for the message, e.g. {@code data file}
     * @return {@code file}
     * @throws NoSuchFileException if nothing is there ({@code data file not found})
     * @throws UnusablePathException if it is a folder, or cannot be read
     */
    public static Path requireFile(Path file, String what)
            throws NoSuchFileException, UnusablePathException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, what + " not found");
        }
        if (Files.isDirectory(file)) {
            throw new UnusablePathException(
                    file, what + " " + file + " is a folder, not a file: give the file itself");
        }
        return requireReadable(file, what);
    }

    /**
     * Checks that {@code folder} is a readable folder.
     *
     * @param what what the folder is, for the message, e.g. {@code model folder}
     * @return {@code folder}
     * @throws NoSuchFileException if nothing is there ({@code model folder not found})
     * @throws UnusablePathException if it is a file, or cannot be read
     */
    public static Path requireFolder(Path folder, String what)
            throws NoSuchFileException, UnusablePathException {
        if (!Files.exists(folder)) {
            throw new NoSuchFileException(folder.toString(), null, what + " not found");
        }
        if (!Files.isDirectory(folder)) {
            throw new UnusablePathException(
                    folder,
                    what
                            + " "
                            + folder
                            + " is a file, not a folder: give the folder that holds it");
        }
        return requireReadable(folder, what);
    }

    private static Path requireReadable(Path path, String what) throws UnusablePathException {
        if (!Files.isReadable(path)) {
            throw new UnusablePathException(
                    path, what + " " + path + " cannot be read: permission denied");
        }
        return path;
    }
}

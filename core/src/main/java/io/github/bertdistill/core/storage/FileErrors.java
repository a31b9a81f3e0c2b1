package io.github.bertdistill.core.storage;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Says in words why a file operation failed, for messages that name the path and the cause, e.g.
 * {@code cannot write runs/x/report/report.json: No space left on device}.
 */
public final class FileErrors {
    private FileErrors() {}

    /**
     * An exception whose message is {@code <action> <path>: <cause>}, with {@code e} as its cause;
     * {@code e} itself if it already is one (a failure inside a larger write is named once, by the
     * innermost file).
     *
     * @param action what was being done, e.g. {@code cannot write}
     */
    public static IOException naming(String action, Path path, IOException e) {
        return e instanceof NamedFailure
                ? e
                : new NamedFailure(action + " " + path + ": " + cause(path, e), e);
    }

    /** An I/O failure whose message already names the path and the cause. */
    private static final class NamedFailure extends IOException {
        private static final long serialVersionUID = 1L;

        NamedFailure(String message, IOException cause) {
            super(message, cause);
        }
    }

    /**
     * {@code e} in words, naming its file: {@code runs/x: it already exists}, {@code runs/x:
     * permission denied}. (The message of most such exceptions is the bare file name.)
     */
    public static String describe(FileSystemException e) {
        String file = e.getFile() != null ? e.getFile() : "a file";
        return file + ": " + reason(e);
    }

    /**
     * Why {@code e} happened, in words and without Java class names; prefixed with the file it
     * concerns when that is not {@code path} (e.g. the folder a file was to be written in).
     */
    public static String cause(Path path, IOException e) {
        if (!(e instanceof FileSystemException failure)) {
            return e.getMessage() != null ? e.getMessage() : "input/output error";
        }
        String file = failure.getFile();
        boolean elsewhere = file != null && !concerns(path, file, failure.getOtherFile());
        return (elsewhere ? file + ": " : "") + reason(failure);
    }

    /** Whether the failure is about {@code path}: one of its files, or the target of a rename. */
    private static boolean concerns(Path path, String file, String otherFile) {
        Path absolute = path.toAbsolutePath().normalize();
        return Path.of(file).toAbsolutePath().normalize().equals(absolute)
                || (otherFile != null
                        && Path.of(otherFile).toAbsolutePath().normalize().equals(absolute));
    }

    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder that is not empty is in the way";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        return "file system error";
    }
}

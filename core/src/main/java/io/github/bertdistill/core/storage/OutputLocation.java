package io.github.bertdistill.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Checks, before a command starts working, that it will be able to write its output, so that a
 * wrong {@code --output} fails in a second rather than after an hour of work.
 *
 * <p>A location is usable if it exists and is of the kind asked for (a folder, or a file) and
 * writable, or if it does not exist and its nearest existing parent is a writable folder; and if
 * the file system it lands on has at least the bytes needed free. A file must also have a writable
 * folder, since {@link AtomicFiles} writes beside it and renames. Every problem is an {@link
 * UnusablePathException} whose message names the path and what is wrong:
 *
 * <pre>
 * cannot write to runs/x: it is a file, not a folder
 * cannot write to runs/x/report: /mnt/cdrom is read-only
 * cannot write to runs/x: only 12 MB free on its file system (ext4), needs about 1.0 GB
 * </pre>
 *
 * <pre>{@code
 * OutputLocation.requireFolder(output, 50 * OutputLocation.MB); // then load models, train, ...
 * }</pre>
 *
 * <p>Writability is {@link Files#isWritable}: the operating system's answer for this process, so a
 * folder without write permission still counts as writable for root, who may write there.
 */
public final class OutputLocation {
    /** One mebibyte, for sizes given to {@link #requireFolder} and {@link #requireFile}. */
    public static final long MB = 1L << 20;

    /** The free bytes of the file system holding an existing path. */
    @FunctionalInterface
    interface FreeSpace {
        long usableBytes(Path existing) throws IOException;
    }

    private static final OutputLocation SYSTEM =
            new OutputLocation(
                    Files::isWritable, existing -> Files.getFileStore(existing).getUsableSpace());

    private final Predicate<Path> writable;
    private final FreeSpace freeSpace;

    /** A checker with other answers to "may this process write there?" and "how much is free?". */
    OutputLocation(Predicate<Path> writable, FreeSpace freeSpace) {
        this.writable = writable;
        this.freeSpace = freeSpace;
    }

    /**
     * Checks that {@code folder} can be used (or created) as an output folder with at least {@code
     * bytesNeeded} free.
     *
     * @return {@code folder}
     * @throws UnusablePathException naming the folder and what is wrong
     * @throws IOException if the file system cannot be asked
     */
    public static Path requireFolder(Path folder, long bytesNeeded) throws IOException {
        return SYSTEM.folder(folder, bytesNeeded);
    }

    /**
     * Checks that {@code file} can be written (created, or replaced) with at least {@code
     * bytesNeeded} free.
     *
     * @return {@code file}
     * @throws UnusablePathException naming the file and what is wrong
     * @throws IOException if the file system cannot be asked
     */
    public static Path requireFile(Path file, long bytesNeeded) throws IOException {
        return SYSTEM.file(file, bytesNeeded);
    }

    Path folder(Path folder, long bytesNeeded) throws IOException {
        requireNamed(folder);
        if (Files.exists(folder)) {
            if (!Files.isDirectory(folder)) {
                throw unusable(folder, "it is a file, not a folder");
            }
            requireWritable(folder, folder, "it is read-only");
        } else {
            requireWritableParent(folder);
        }
        requireSpace(folder, bytesNeeded);
        return folder;
    }

    Path file(Path file, long bytesNeeded) throws IOException {
        requireNamed(file);
        if (Files.exists(file)) {
            if (Files.isDirectory(file)) {
                throw unusable(file, "it is a folder, not a file");
            }
            requireWritable(file, file, "it is read-only");
            Path parent = file.toAbsolutePath().getParent();
            requireWritable(file, parent, "its folder " + parent + " is read-only");
        } else {
            requireWritableParent(file);
        }
        requireSpace(file, bytesNeeded);
        return file;
    }

    private void requireWritableParent(Path target) throws UnusablePathException {
        Path parent = nearestExisting(target);
        if (!Files.isDirectory(parent)) {
            throw unusable(target, parent + " is a file, not a folder");
        }
        requireWritable(target, parent, parent + " is read-only");
    }

    private void requireWritable(Path target, Path path, String problem)
            throws UnusablePathException {
        if (!writable.test(path)) {
            throw unusable(target, problem);
        }
    }

    private void requireSpace(Path target, long bytesNeeded) throws IOException {
        Path existing = nearestExisting(target);
        long free = freeSpace.usableBytes(existing);
        if (free < bytesNeeded) {
            throw unusable(
                    target,
                    "only "
                            + size(free)
                            + " free on its file system"
                            + fileSystemType(existing)
                            + ", needs about "
                            + size(bytesNeeded));
        }
    }

    /** " (proc)": the type of the file system holding {@code path}, which tells a virtual one. */
    private static String fileSystemType(Path path) {
        try {
            return " (" + Files.getFileStore(path).type() + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code path} itself or its nearest parent that exists (the working folder at worst). */
    private static Path nearestExisting(Path path) {
        for (Path existing = path; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                return existing;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** An empty path would be the working folder itself: a mistake, not a location. */
    private static void requireNamed(Path target) throws UnusablePathException {
        if (target.toString().isEmpty()) {
            throw new UnusablePathException(target, "the output location is empty: name a path");
        }
    }

    private static UnusablePathException unusable(Path target, String problem) {
        return new UnusablePathException(target, "cannot write to " + target + ": " + problem);
    }

    /** {@code bytes} in words: {@code 512 KB}, {@code 12 MB}, {@code 1.5 GB}. */
    static String size(long bytes) {
        if (bytes < MB) {
            return (bytes + 1023) / 1024 + " KB";
        }
        if (bytes < 1024 * MB) {
            return Math.round(bytes / (double) MB) + " MB";
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1024 * MB));
    }
}

package io.github.bertdistill.distill.train;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.core.storage.ModelDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder of snapshots where only the newest counts, safe against {@code kill -9} at any instant.
 *
 * <p>A snapshot is written as a new sub-folder with {@link ModelDirectory#write} (complete or
 * absent), then the pointer file {@code LATEST} is replaced atomically with its name, then older
 * snapshots are deleted. A reader follows {@code LATEST}, so it sees the previous complete snapshot
 * or the new complete one, never a partial one; leftovers of an interrupted write are removed by
 * the next write.
 */
final class SnapshotFolder {
    private static final String POINTER = "LATEST";

    private final Path root;

    SnapshotFolder(Path root) {
        this.root = root;
    }

    /** The newest complete snapshot, if any. */
    Optional<Path> latest() throws IOException {
        Path pointer = root.resolve(POINTER);
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        Path snapshot = root.resolve(Files.readString(pointer, StandardCharsets.UTF_8).strip());
        if (!Files.isDirectory(snapshot)) {
            throw new IOException(pointer + " names " + snapshot + ", which does not exist");
        }
        return Optional.of(snapshot);
    }

    /** Writes the snapshot {@code name}, makes it the latest and deletes the others. */
    Path write(String name, ModelDirectory.Contents contents) throws IOException {
        Path snapshot = root.resolve(name);
        ModelDirectory.write(snapshot, contents);
        AtomicFiles.writeString(root.resolve(POINTER), name + "\n");
        List<Path> stale;
        try (Stream<Path> entries = Files.list(root)) {
            stale =
                    entries.filter(
                                    p ->
                                            !p.equals(snapshot)
                                                    && !p.getFileName().toString().equals(POINTER))
                            .collect(Collectors.toList());
        }
        for (Path path : stale) {
            MoreFiles.deleteRecursively(path, RecursiveDeleteOption.ALLOW_INSECURE);
        }
        return snapshot;
    }
}

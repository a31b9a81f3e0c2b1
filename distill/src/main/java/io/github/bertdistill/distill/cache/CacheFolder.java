package io.github.bertdistill.distill.cache;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of one cache folder: {@code manifest.json} and {@code chunk-00000.bin}, {@code
 * chunk-00001.bin}, … Knows their names, reads and atomically writes the manifest, and deletes only
 * its own files when a cache is recomputed.
 */
final class CacheFolder {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final String MANIFEST = "manifest.json";

    private final Path root;

    CacheFolder(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The path of chunk number {@code index}. */
    Path chunk(int index) {
        return root.resolve(chunkName(index));
    }

    static String chunkName(int index) {
        return String.format("chunk-%05d.bin", index);
    }

    Path resolve(CacheManifest.Chunk chunk) {
        return root.resolve(chunk.file());
    }

    /** The manifest, or empty if the folder holds no cache yet. */
    Optional<CacheManifest> readManifest() throws IOException {
        Path file = root.resolve(MANIFEST);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            CacheManifest manifest =
                    GSON.fromJson(
                            Files.readString(file, StandardCharsets.UTF_8), CacheManifest.class);
            if (manifest == null
                    || manifest.fingerprint() == null
                    || manifest.labels() == null
                    || manifest.chunks() == null
                    || manifest.labels().size() != manifest.numClasses()) {
                throw new IOException("incomplete or inconsistent cache manifest " + file);
            }
            return Optional.of(manifest);
        } catch (JsonParseException e) {
            throw new IOException("invalid cache manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Atomically replaces the manifest. */
    void writeManifest(CacheManifest manifest) throws IOException {
        AtomicFiles.writeString(root.resolve(MANIFEST), GSON.toJson(manifest) + "\n");
    }

    /** Deletes the manifest and every chunk file, leaving any other file in the folder alone. */
    void wipe() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Files.deleteIfExists(root.resolve(MANIFEST));
        try (DirectoryStream<Path> chunks = Files.newDirectoryStream(root, "chunk-*.bin")) {
            for (Path chunk : chunks) {
                Files.delete(chunk);
            }
        }
    }
}

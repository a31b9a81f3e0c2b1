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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one cache folder: {@code manifest.json} and {@code chunk-00000.bin}, {@code
 * chunk-00001.bin}, … Knows their names, reads and atomically writes the manifest, checks the stamp
 * of a cache a writer is about to extend, and deletes only its own files when a cache is
 * recomputed.
 */
final class CacheFolder {
    private static final Logger LOG = LoggerFactory.getLogger(CacheFolder.class);
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

    /**
     * The manifest a writer for {@code fingerprint} and {@code labels} continues from: the existing
     * one if its stamp matches, else (with {@link MismatchPolicy#RECOMPUTE}) a fresh one after
     * wiping the folder's cache files.
     *
     * @throws CacheMismatchException if the stamp differs and the policy is {@link
     *     MismatchPolicy#REFUSE}
     */
    CacheManifest start(TeacherFingerprint fingerprint, List<String> labels, MismatchPolicy policy)
            throws IOException {
        Optional<CacheManifest> existing = readManifest();
        if (existing.isPresent()) {
            Optional<String> mismatch = mismatch(existing.get(), fingerprint, labels);
            if (mismatch.isEmpty()) {
                return existing.get();
            }
            if (policy == MismatchPolicy.REFUSE) {
                throw new CacheMismatchException(
                        mismatch.get()
                                + "; relabel with MismatchPolicy.RECOMPUTE or use another folder");
            }
            LOG.warn("{}; recomputing the cache", mismatch.get());
            wipe();
        }
        CacheManifest fresh = CacheManifest.empty(fingerprint, labels);
        writeManifest(fresh);
        return fresh;
    }

    /** The manifest if {@code fingerprint} and {@code labels} wrote it in this format version. */
    Optional<CacheManifest> manifestOf(TeacherFingerprint fingerprint, List<String> labels)
            throws IOException {
        return readManifest().filter(m -> mismatch(m, fingerprint, labels).isEmpty());
    }

    private Optional<String> mismatch(
            CacheManifest manifest, TeacherFingerprint fingerprint, List<String> labels) {
        if (manifest.formatVersion() != CacheManifest.FORMAT_VERSION) {
            return Optional.of(
                    String.format(
                            "the teacher-logit cache %s has format version %d, not %d",
                            root, manifest.formatVersion(), CacheManifest.FORMAT_VERSION));
        }
        if (!manifest.fingerprint().equals(fingerprint.value())
                || !manifest.labels().equals(labels)) {
            return Optional.of(
                    String.format(
                            "the teacher-logit cache %s was written by teacher %s with labels %s,"
                                    + " but the current teacher is %s with labels %s",
                            root,
                            manifest.fingerprint(),
                            manifest.labels(),
                            fingerprint.value(),
                            labels));
        }
        return Optional.empty();
    }

    /** The text hash of every example id the completed chunks of {@code manifest} hold. */
    Map<String, Long> cachedHashes(CacheManifest manifest) throws IOException {
        Map<String, Long> hashes = new HashMap<>();
        for (CacheManifest.Chunk chunk : manifest.chunks()) {
            ChunkFormat.index(
                    resolve(chunk),
                    manifest.numClasses(),
                    chunk.records(),
                    (id, textHash, offset) -> hashes.put(id, textHash));
        }
        return hashes;
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

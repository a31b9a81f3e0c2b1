package io.github.bertdistill.core.storage;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.data.LabelSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A model folder: {@code config.json} (the architecture), {@code labels.json} (the {@link
 * LabelSet}) and weight files, written all at once or not at all.
 *
 * <p>{@link #write} builds the folder under a hidden staging name beside the target and renames it
 * into place only when every file is complete. If writing fails (or the process dies), the target
 * is untouched: either the previous model is still there, or there is no folder at all, never a
 * half-written one. An existing model is moved aside first and deleted after the new one is in
 * place. What a killed write leaves beside the target (its staging folder, or the previous model
 * moved aside) is cleaned up, or put back, by the next write of the same target; one process at a
 * time writes a given target.
 *
 * <p>A write replaces only a model: the target must be absent, an empty folder, a folder whose
 * every entry the new model also writes (an earlier save of the same kind of model, a checkpoint),
 * or a model folder ({@code config.json} and {@code labels.json}) whose other entries are files.
 * Anything else (a file, a folder of other models, the working directory) is refused, never
 * deleted.
 */
public final class ModelDirectory {
    /** The architecture and hyper-parameters. */
    public static final String CONFIG_FILE = "config.json";

    /** The label set, see {@link LabelSet#toJson()}. */
    public static final String LABELS_FILE = "labels.json";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** The hidden folder a write of the model {@code %s} builds it in, before a random suffix. */
    private static final String STAGING_PREFIX = ".%s.staging-";

    /** Where a write of {@code %s} moves the model it replaces, before a random suffix. */
    private static final String PREVIOUS_PREFIX = ".%s.previous-";

    private ModelDirectory() {}

    /** Fills a staging folder with a model's files. */
    @FunctionalInterface
    public interface Contents {
        /** Writes every file of the model into {@code staging}. */
        void writeTo(Staging staging) throws IOException;
    }

    /** The folder being written, with helpers for the standard files. */
    public static final class Staging {
        private final Path folder;

        private Staging(Path folder) {
            this.folder = folder;
        }

        /** Where to write a file named {@code fileName} (for weight writers that take a path). */
        public Path resolve(String fileName) {
            return folder.resolve(fileName);
        }

        /** Writes {@code config.json}. */
        public void writeConfig(JsonElement config) throws IOException {
            writeJson(CONFIG_FILE, config);
        }

        /** Writes {@code labels.json}. */
        public void writeLabels(LabelSet labels) throws IOException {
            writeString(LABELS_FILE, labels.toJson());
        }

        /** Writes a JSON file, pretty-printed. */
        public void writeJson(String fileName, JsonElement json) throws IOException {
            writeString(fileName, GSON.toJson(json) + "\n");
        }

        /** Writes a UTF-8 text file. */
        public void writeString(String fileName, String text) throws IOException {
            Files.writeString(folder.resolve(fileName), text, StandardCharsets.UTF_8);
        }

        /** Copies every file of {@code source} (a model folder, subfolders included). */
        public void copyFrom(Path source) throws IOException {
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : paths.toList()) {
                    Path target = folder.resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                }
            }
        }
    }

    /**
     * Writes the model folder {@code target} atomically.
     *
     * @throws IOException {@code cannot write <target>: <cause>} if {@code contents} or the file
     *     system fails; {@code target} is then left as it was
     */
    public static void write(Path target, Contents contents) throws IOException {
        try {
            writeStaged(target, contents);
        } catch (UnusablePathException e) {
            throw e;
        } catch (IOException e) {
            throw FileErrors.naming("cannot write", target, e);
        }
    }

    private static void writeStaged(Path target, Contents contents) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent == null) {
            throw new IOException("a model folder cannot be the root of the file system");
        }
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new IOException("it is a file, and a model is a folder: give a folder path");
        }
        Files.createDirectories(parent);
        String name = absolute.getFileName().toString();
        recoverInterrupted(parent, name, absolute);
        Path staging = parent.resolve(STAGING_PREFIX.formatted(name) + UUID.randomUUID());
        Path previous = parent.resolve(PREVIOUS_PREFIX.formatted(name) + UUID.randomUUID());
        Files.createDirectory(staging);
        boolean committed = false;
        try {
            contents.writeTo(new Staging(staging));
            requireReplaceable(absolute, staging);
            boolean replacing = Files.exists(absolute);
            if (replacing) {
                AtomicFiles.move(absolute, previous);
            }
            AtomicFiles.move(staging, absolute);
            committed = true;
            if (replacing) {
                deleteRecursively(previous);
            }
        } finally {
            if (!committed) {
                deleteRecursively(staging);
                if (Files.exists(previous) && !Files.exists(absolute)) {
                    AtomicFiles.move(previous, absolute);
                }
            }
        }
    }

    /**
     * Refuses to replace {@code target} unless it is a model (see the class comment): an entry that
     * {@code staging}, the new model, does not write is deleted only from a model folder, and only
     * if it is a file.
     */
    private static void requireReplaceable(Path target, Path staging) throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        boolean modelFolder =
                Files.isRegularFile(target.resolve(CONFIG_FILE))
                        && Files.isRegularFile(target.resolve(LABELS_FILE));
        List<String> foreign;
        try (Stream<Path> entries = Files.list(target)) {
            foreign =
                    entries.filter(entry -> !Files.exists(staging.resolve(entry.getFileName())))
                            .filter(entry -> !modelFolder || !Files.isRegularFile(entry))
                            .map(entry -> entry.getFileName().toString())
                            .sorted()
                            .toList();
        }
        if (!foreign.isEmpty()) {
            throw new IOException(
                    "the folder holds "
                            + (foreign.size() == 1
                                    ? "'" + foreign.get(0) + "'"
                                    : foreign.size() + " entries ('" + foreign.get(0) + "', …)")
                            + ", which this model does not write: saving would delete "
                            + (foreign.size() == 1 ? "it" : "them")
                            + "; give a new or empty folder, or delete it first");
        }
    }

    /**
     * Cleans up after a write of {@code name} that was killed: its staging folders are removed, and
     * a previous model moved aside is deleted if the new one landed, or else put back.
     */
    private static void recoverInterrupted(Path parent, String name, Path target)
            throws IOException {
        String staging = STAGING_PREFIX.formatted(name);
        String previous = PREVIOUS_PREFIX.formatted(name);
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(parent)) {
            leftovers =
                    entries.filter(
                                    entry -> {
                                        String file = entry.getFileName().toString();
                                        return file.startsWith(staging)
                                                || file.startsWith(previous);
                                    })
                            .sorted()
                            .toList();
        }
        for (Path leftover : leftovers) {
            boolean movedAside = leftover.getFileName().toString().startsWith(previous);
            if (movedAside && !Files.exists(target)) {
                AtomicFiles.move(leftover, target);
            } else {
                deleteRecursively(leftover);
            }
        }
    }

    /**
     * Reads {@code config.json} of a model folder.
     *
     * @throws IOException naming the file if it is missing or not a JSON object
     */
    public static JsonObject readConfig(Path folder) throws IOException {
        Path file = folder.resolve(CONFIG_FILE);
        try {
            JsonElement json = JsonParser.parseString(readRequired(file));
            if (!json.isJsonObject()) {
                throw new IOException(file + ": expected a JSON object");
            }
            return json.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(file + ": invalid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code labels.json} of a model folder.
     *
     * @throws IOException naming the file if it is missing or malformed
     */
    public static LabelSet readLabels(Path folder) throws IOException {
        Path file = folder.resolve(LABELS_FILE);
        try {
            return LabelSet.fromJson(readRequired(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static String readRequired(Path file) throws IOException {
        Path folder = file.getParent();
        if (!Files.exists(folder)) {
            throw new IOException("no model folder " + folder + ": it does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new IOException(
                    folder + " is a file, not a model folder: give the folder that holds it");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(
                    file + " is missing: " + folder + " is not a complete model folder", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            MoreFiles.deleteRecursively(path, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }
}

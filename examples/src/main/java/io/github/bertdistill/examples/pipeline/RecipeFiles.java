package io.github.bertdistill.examples.pipeline;

import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.bertdistill.core.config.StrictJson;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of the files a run's recipe names, by key path: the SHA-256 of each data file ({@code
 * data.train}, {@code data.dev}, {@code data.test}, {@code data.unlabelled}, {@code
 * augmentation.source}, {@code student.wordVectors}), kept beside the run folder's {@code
 * recipe.json} as {@value #FILE_NAME}. A recipe key holds a path, so comparing recipes compares
 * paths; with these, {@link RunRecipe} sees a file rewritten in place (the same path, other
 * examples) as a changed key, and the same file named by another path (relative against absolute)
 * as unchanged. Files inside the jar ({@code classpath:}) are fixed by the jar and not hashed.
 */
record RecipeFiles(Map<String, String> sha256ByKey) {
    static final String FILE_NAME = "recipe-files.json";

    /** The recipe keys that name a file. */
    static final List<String> KEYS =
            List.of(
                    "data.train",
                    "data.dev",
                    "data.test",
                    "data.unlabelled",
                    "augmentation.source",
                    "student.wordVectors");

    /**
     * The hashes of the files that {@code values} (leaves of a recipe by key path) name, for the
     * keys of {@link #KEYS} whose value is a path to a regular file.
     */
    static RecipeFiles of(Map<String, JsonElement> values) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (String key : KEYS) {
            JsonElement value = values.get(key);
            if (value instanceof JsonPrimitive primitive && primitive.isString()) {
                String location = primitive.getAsString();
                Path file = Path.of(location);
                if (!Recipe.isClasspath(location) && Files.isRegularFile(file)) {
                    hashes.put(key, MoreFiles.asByteSource(file).hash(Hashing.sha256()).toString());
                }
            }
        }
        return new RecipeFiles(hashes);
    }

    /** The hashes kept in {@code run}, or none for a run folder made before they were kept. */
    static RecipeFiles read(RunFolder run) throws IOException {
        Path file = file(run);
        Map<String, String> hashes = new TreeMap<>();
        if (Files.isRegularFile(file)) {
            JsonObject json =
                    JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
                            .getAsJsonObject();
            json.entrySet().forEach(e -> hashes.put(e.getKey(), e.getValue().getAsString()));
        }
        return new RecipeFiles(hashes);
    }

    /** Writes the hashes into {@code run}, atomically, unless the file holds them already. */
    void save(RunFolder run) throws IOException {
        if (!equals(read(run))) {
            JsonObject json = new JsonObject();
            sha256ByKey.forEach(json::addProperty);
            AtomicFiles.writeString(file(run), StrictJson.GSON.toJson(json) + "\n");
        }
    }

    /** The hash of the file under {@code key}, or null if it is not known. */
    String sha256(String key) {
        return sha256ByKey.get(key);
    }

    private static Path file(RunFolder run) {
        return run.root().resolve(FILE_NAME);
    }
}

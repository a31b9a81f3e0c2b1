package io.github.bertdistill.examples.recipe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.bertdistill.core.config.StrictJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@link Recipe}: the embedded default ({@code recipes/fine-foods.json}) or a file, then
 * command-line overrides such as {@code teacher.maxLength=32} or {@code
 * student.distillMethod.temperature={"kind":"CONSTANT","start":4}}.
 *
 * <p>An override's value is read as JSON when it parses (numbers, booleans, objects), otherwise as
 * a string. Unknown keys — in the file or in an override — are errors naming the key.
 */
public final class RecipeLoader {
    /** The recipe of the default run, inside the jar. */
    public static final String DEFAULT_RECIPE = "recipes/fine-foods.json";

    private RecipeLoader() {}

    /**
     * The recipe in {@code file} (or the default when {@code null}) with {@code overrides}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and the key that is wrong
     */
    public static Recipe load(Path file, List<String> overrides) throws IOException {
        String source = file == null ? "the default recipe" : file.toString();
        JsonObject json = parse(file == null ? readDefault() : readFile(file), source);
        for (String override : overrides) {
            apply(json, override);
        }
        try {
            return StrictJson.read(json.toString(), Recipe.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static String readFile(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "recipe file not found");
        }
    }

    private static String readDefault() {
        try (InputStream in =
                RecipeLoader.class.getClassLoader().getResourceAsStream(DEFAULT_RECIPE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + DEFAULT_RECIPE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject parse(String text, String source) {
        try {
            JsonElement json = JsonParser.parseString(text);
            if (!json.isJsonObject()) {
                throw new IllegalArgumentException(source + ": a recipe must be a JSON object");
            }
            return json.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(source + ": invalid JSON: " + e.getMessage(), e);
        }
    }

    /** Sets {@code a.b.c=value} in {@code json}, creating the objects on the way. */
    static void apply(JsonObject json, String override) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(
                    "override '" + override + "' must look like key.path=value");
        }
        String[] path = override.substring(0, equals).trim().split("\\.");
        JsonObject target = json;
        for (int i = 0; i < path.length - 1; i++) {
            JsonElement child = target.get(path[i]);
            if (child == null || !child.isJsonObject()) {
                child = new JsonObject();
                target.add(path[i], child);
            }
            target = child.getAsJsonObject();
        }
        target.add(path[path.length - 1], value(override.substring(equals + 1)));
    }

    private static JsonElement value(String text) {
        try {
            JsonElement parsed = JsonParser.parseString(text);
            return parsed.isJsonNull() && !text.trim().equals("null")
                    ? new JsonPrimitive(text)
                    : parsed;
        } catch (JsonParseException e) {
            return new JsonPrimitive(text);
        }
    }
}

package io.github.bertdistill.examples.recipe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.config.StrictJson;
import io.github.bertdistill.core.storage.InputLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@link Recipe}: the embedded default ({@code recipes/fine-foods.json}) or a file, then
 * command-line overrides such as {@code teacher.maxLength=32} or {@code
 * student.distillMethod.temperature={"from":4,"to":4}}, and checks the result whole (see {@link
 * Recipe}) before anything else happens.
 *
 * <p>An override's value is read as JSON when it parses (numbers, booleans, objects), otherwise as
 * a string. Every error is one line naming the file or the override, the key path, the value and
 * what is expected.
 */
public final class RecipeLoader {
    /** The recipe of the default run, inside the jar. */
    public static final String DEFAULT_RECIPE = "recipes/fine-foods.json";

    /** The prefix of a data location inside the jar. */
    public static final String CLASSPATH = "classpath:";

    /** Training sections whose seed is the recipe's own, never set per section. */
    private static final List<String> SEEDED_SECTIONS = List.of("teacher", "student");

    private RecipeLoader() {}

    /**
     * The recipe in {@code file} (or the default when {@code null}) with {@code overrides}.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file or override and the key that is wrong
     */
    public static Recipe load(Path file, List<String> overrides) throws IOException {
        String source = file == null ? "the default recipe" : file.toString();
        JsonObject json = parse(file == null ? readDefault() : readFile(file), source);
        for (String override : overrides) {
            apply(json, override);
        }
        try {
            refuseSectionSeeds(json);
            return StrictJson.readOver(json, new Recipe());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(
                    origin(e, source, overrides) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads back the resolved recipe a run folder holds ({@code recipe.json}): keys and types are
     * checked, the rules are not (its data files may have moved since).
     *
     * @throws IllegalArgumentException naming the file and the key that is wrong
     */
    public static Recipe readResolved(Path file) throws IOException {
        JsonObject json = parse(readFile(file), file.toString());
        try {
            return StrictJson.readStructure(json, Recipe.class);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code recipe} as the JSON tree of a resolved recipe: every key written out, except the
     * training sections' seeds, which are always the recipe's own.
     */
    public static JsonObject toTree(Recipe recipe) {
        JsonObject json = StrictJson.toTree(recipe);
        for (String section : SEEDED_SECTIONS) {
            json.getAsJsonObject(section).getAsJsonObject("training").remove("seed");
        }
        return json;
    }

    /** {@code recipe} as the text of a resolved recipe file (see {@link #toTree}). */
    public static String toJson(Recipe recipe) {
        return StrictJson.GSON.toJson(toTree(recipe)) + "\n";
    }

    /** The override that set the bad key, else the file. */
    private static String origin(ConfigException e, String source, List<String> overrides) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            String key = keyOf(overrides.get(i));
            String bad = e.keyPath();
            if (bad.equals(key)
                    || bad.startsWith(key + ".")
                    || bad.startsWith(key + "[")
                    || key.startsWith(bad + ".")) {
                return "--set " + overrides.get(i);
            }
        }
        return source;
    }

    private static void refuseSectionSeeds(JsonObject json) {
        for (String section : SEEDED_SECTIONS) {
            JsonElement part = json.get(section);
            if (part != null && part.isJsonObject()) {
                JsonElement training = part.getAsJsonObject().get("training");
                if (training != null
                        && training.isJsonObject()
                        && training.getAsJsonObject().has("seed")) {
                    throw ConfigException.at(
                            section + ".training.seed",
                            "the run's seeds come from the recipe's top-level 'seed' (and"
                                    + " student.seeds); remove this key");
                }
            }
        }
    }

    private static String readFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(InputLocation.requireFile(file, "recipe file"));
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": a recipe must be UTF-8 text");
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
            JsonElement json =
                    StrictJson.parseStrictly(text.startsWith("\uFEFF") ? text.substring(1) : text);
            if (!json.isJsonObject()) {
                throw new IllegalArgumentException(source + ": a recipe must be a JSON object");
            }
            return json.getAsJsonObject();
        } catch (StrictJson.DuplicateKeyException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    source + ": invalid JSON: " + StrictJson.describe(e), e);
        }
    }

    private static String keyOf(String override) {
        int equals = override.indexOf('=');
        return equals <= 0 ? override : override.substring(0, equals).trim();
    }

    /** Sets {@code a.b.c=value} in {@code json}, creating the objects on the way. */
    static void apply(JsonObject json, String override) {
        int equals = override.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(
                    "--set " + override + ": must look like key.path=value");
        }
        String[] path = keyOf(override).split("\\.", -1);
        for (String key : path) {
            if (key.isEmpty()) {
                throw new IllegalArgumentException(
                        "--set " + override + ": the key path has an empty part");
            }
        }
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

package io.github.bertdistill.core.config;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and writes bert-distill's configuration classes as JSON, strictly: a key the class does not
 * have is an error naming the key's path (a misspelt {@code "temprature"} must never be silently
 * ignored). Keys left out keep the defaults of the class's field initialisers. Nested objects whose
 * classes belong to bert-distill are checked the same way, recursively.
 */
public final class StrictJson {
    /** The Gson used for configs: pretty-printed, NaN and infinities allowed. */
    public static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private static final String PROJECT_PACKAGE = "io.github.bertdistill";

    private StrictJson() {}

    /** Pretty JSON of {@code config}. */
    public static String write(Object config) {
        return GSON.toJson(config) + "\n";
    }

    /**
     * Parses {@code json} into {@code type}.
     *
     * @throws IllegalArgumentException if the JSON is malformed or has a key {@code type} lacks
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            JsonElement root = JsonParser.parseString(json);
            checkKeys(root, type, type.getSimpleName());
            return GSON.fromJson(root, type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "invalid " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
        }
    }

    private static void checkKeys(JsonElement element, Class<?> type, String path) {
        if (!element.isJsonObject()) {
            throw new IllegalArgumentException(path + " must be a JSON object");
        }
        Map<String, Field> fields =
                Arrays.stream(type.getDeclaredFields())
                        .filter(f -> !Modifier.isStatic(f.getModifiers()))
                        .collect(Collectors.toMap(Field::getName, f -> f));
        JsonObject object = element.getAsJsonObject();
        for (String key : object.keySet()) {
            Field field = fields.get(key);
            if (field == null) {
                List<String> known = fields.keySet().stream().sorted().toList();
                throw new IllegalArgumentException(
                        "unknown key '" + path + "." + key + "'; known keys: " + known);
            }
            if (isNested(field.getType())) {
                checkKeys(object.get(key), field.getType(), path + "." + key);
            }
        }
    }

    private static boolean isNested(Class<?> type) {
        return !type.isEnum()
                && !type.isPrimitive()
                && type.getPackageName().startsWith(PROJECT_PACKAGE);
    }
}

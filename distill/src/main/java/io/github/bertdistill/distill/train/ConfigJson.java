package io.github.bertdistill.distill.train;

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
 * Reads and writes the training configs as JSON, strictly: a key the config does not have is an
 * error naming the key (a misspelt {@code "temprature"} must never be silently ignored). Keys left
 * out keep their defaults.
 */
final class ConfigJson {
    static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private ConfigJson() {}

    /** Pretty JSON of {@code config}. */
    static String write(Object config) {
        return GSON.toJson(config) + "\n";
    }

    /**
     * Parses {@code json} into {@code type}.
     *
     * @throws IllegalArgumentException if the JSON is malformed or has a key {@code type} lacks
     */
    static <T> T read(String json, Class<T> type) {
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
        return type.getPackage() == ConfigJson.class.getPackage() && !type.isEnum();
    }
}

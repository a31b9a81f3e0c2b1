package io.github.bertdistill.core.config;

import com.google.common.base.Strings;
import com.google.common.base.Throwables;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes bert-distill's configuration classes as JSON, strictly, and checks them whole
 * before anything uses them. Every problem is a {@link ConfigException} naming the key path from
 * the root ({@code student.distillMethod.temperature.from}), the value found and what is expected,
 * never a Java class name:
 *
 * <ul>
 *   <li>a key the class does not have (a misspelt {@code "temprature"} must never be silently
 *       ignored), with the nearest known key as a suggestion;
 *   <li>a value of the wrong JSON type: a whole number for {@code int}/{@code long} fields (in
 *       range), a number for {@code float}/{@code double}, {@code true}/{@code false}, a string,
 *       one of an enum's names, a list, or an object of a nested config or record (all of whose
 *       components must be given);
 *   <li>then the rules of every {@link CheckedConfig} in the tree (ranges, relations).
 * </ul>
 *
 * Keys left out keep the defaults of the class's field initialisers (its no-argument constructor).
 * Enum values are matched ignoring case, with {@code -} and {@code _} alike ({@code chinese-char},
 * {@code CHINESE_CHAR}); an enum constant is written as its Gson {@code @SerializedName} when it
 * has one, else by name.
 */
public final class StrictJson {
    /** The Gson used for configs: pretty-printed, NaN and infinities allowed, lenient enums. */
    public static final Gson GSON =
            new GsonBuilder()
                    .setPrettyPrinting()
                    .serializeSpecialFloatingPointValues()
                    .registerTypeAdapterFactory(new EnumNames())
                    .create();

    private static final String PROJECT_PACKAGE = "io.github.bertdistill";
    private static final int SHOWN_VALUE_LENGTH = 60;

    private static final TypeAdapter<JsonElement> ELEMENTS = GSON.getAdapter(JsonElement.class);

    private StrictJson() {}

    /**
     * A JSON object gives a key twice. A lenient parser would keep the last value without a word; a
     * config or a request means one of them.
     */
    public static final class DuplicateKeyException extends JsonParseException {
        private static final long serialVersionUID = 1L;
        private final String key;

        DuplicateKeyException(String key, String path) {
            super("'" + key + "' is given twice" + (path.isEmpty() ? "" : " in " + path));
            this.key = key;
        }

        /** The key given twice. */
        public String key() {
            return key;
        }
    }

    /**
     * Parses {@code text} as JSON by the letter of RFC 8259 (no comments, no single quotes, no
     * unquoted names, no NaN, nothing after the value) and refuses an object that gives a key
     * twice.
     *
     * @throws DuplicateKeyException naming the key and the path of its object
     * @throws JsonParseException if the text is not valid JSON; {@link #describe} words it for a
     *     user
     */
    public static JsonElement parseStrictly(String text) {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement json = readValue(reader, "");
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new MalformedJsonException(
                        "more data after the JSON value at " + reader.getPath());
            }
            return json;
        } catch (IOException | IllegalStateException e) {
            throw new JsonParseException(e.getMessage(), e);
        }
    }

    private static JsonElement readValue(JsonReader reader, String path) throws IOException {
        if (reader.peek() == JsonToken.BEGIN_OBJECT) {
            JsonObject object = new JsonObject();
            reader.beginObject();
            while (reader.hasNext()) {
                String key = reader.nextName();
                if (object.has(key)) {
                    throw new DuplicateKeyException(key, path);
                }
                object.add(key, readValue(reader, path.isEmpty() ? key : path + "." + key));
            }
            reader.endObject();
            return object;
        }
        if (reader.peek() == JsonToken.BEGIN_ARRAY) {
            JsonArray array = new JsonArray();
            reader.beginArray();
            while (reader.hasNext()) {
                array.add(readValue(reader, path));
            }
            reader.endArray();
            return array;
        }
        return ELEMENTS.read(reader);
    }

    /**
     * The parser's reason for refusing some JSON, without its advice to programmers ({@code Use
     * JsonReader.setStrictness(…)}, a troubleshooting link): {@code malformed JSON at line 1 column
     * 7 path $}.
     */
    public static String describe(JsonParseException e) {
        return Strings.nullToEmpty(Throwables.getRootCause(e).getMessage())
                .lines()
                .findFirst()
                .orElse("unreadable")
                .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept ", "")
                .strip();
    }

    /** Pretty JSON of {@code config}. */
    public static String write(Object config) {
        return GSON.toJson(config) + "\n";
    }

    /** {@code config} as a JSON tree, defaults written out. */
    public static JsonObject toTree(Object config) {
        return GSON.toJsonTree(config).getAsJsonObject();
    }

    /**
     * Parses {@code json} into {@code type} and checks it whole (keys, types, rules).
     *
     * @throws ConfigException naming the key path of the first problem, or saying the JSON is
     *     malformed
     */
    public static <T> T read(String json, Class<T> type) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw ConfigException.at("", "invalid JSON: %s", rootCause(e));
        }
        return read(root, type);
    }

    /**
     * Reads the tree {@code json} into {@code type} and checks it whole (keys, types, rules).
     *
     * @throws ConfigException naming the key path of the first problem
     */
    public static <T> T read(JsonElement json, Class<T> type) {
        T config = readStructure(json, type);
        checkRules(config, "");
        return config;
    }

    /**
     * The value at {@code key} of {@code object}, read as {@link #read(JsonElement, Class)} reads
     * it; empty if the key is absent.
     *
     * @throws ConfigException naming {@code key} (and any path below it) if the value is malformed
     */
    public static <T> Optional<T> readKey(JsonObject object, String key, Class<T> type) {
        if (!object.has(key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(object.get(key), type));
        } catch (ConfigException e) {
            throw e.under(key);
        }
    }

    /**
     * Reads the tree {@code json} over {@code defaults} and checks it whole (keys, types, rules): a
     * key left out, at any depth of nested configs, keeps its value in {@code defaults}, not the
     * default of its class: a recipe whose {@code student.distillMethod} sets only the temperature
     * keeps the recipe's default {@code α}, not the method class's own. Records, lists and values
     * with their own adapter are replaced whole.
     *
     * @throws ConfigException naming the key path of the first problem
     */
    public static <T> T readOver(JsonElement json, T defaults) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) defaults.getClass();
        checkValue(json, type, "", type);
        T config = fromTree(overlay(GSON.toJsonTree(defaults), json, type), type);
        checkRules(config, "");
        return config;
    }

    /** {@code top} laid over {@code base}: nested configs merged key by key, the rest replaced. */
    private static JsonElement overlay(JsonElement base, JsonElement top, Class<?> type) {
        if (base == null
                || !base.isJsonObject()
                || !top.isJsonObject()
                || !isConfig(type)
                || type.isRecord()
                || type.isAnnotationPresent(JsonAdapter.class)) {
            return top;
        }
        JsonObject merged = base.getAsJsonObject().deepCopy();
        Map<String, Field> fields = fields(type);
        for (Map.Entry<String, JsonElement> entry : top.getAsJsonObject().entrySet()) {
            Class<?> fieldType = fields.get(entry.getKey()).getType();
            merged.add(
                    entry.getKey(),
                    overlay(merged.get(entry.getKey()), entry.getValue(), fieldType));
        }
        return merged;
    }

    /**
     * Reads the tree {@code json} into {@code type}, checking keys and JSON types but not the
     * {@link CheckedConfig} rules: for reading back a file this program wrote, whose rules may
     * depend on things that changed since (a data file that moved).
     *
     * @throws ConfigException naming the key path of the first unknown key or wrong type
     */
    public static <T> T readStructure(JsonElement json, Class<T> type) {
        checkValue(json, type, "", type);
        return fromTree(json, type);
    }

    /**
     * {@code json}, already checked against {@code type} (or built from such trees), as a config.
     */
    private static <T> T fromTree(JsonElement json, Class<T> type) {
        try {
            return GSON.fromJson(json, type);
        } catch (JsonParseException | IllegalStateException | NumberFormatException e) {
            // The tree was checked against the type; this is a gap in that check.
            throw ConfigException.at("", "cannot be read: %s", rootCause(e));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? "malformed" : message;
    }

    // ---- JSON types ----

    private static void checkValue(JsonElement value, Type type, String path, Class<?> root) {
        Class<?> raw = rawClass(type);
        if (JsonElement.class.isAssignableFrom(raw)) {
            return;
        }
        if (value == null || value.isJsonNull()) {
            if (raw.isPrimitive() || isConfig(raw) || raw.isRecord() || raw.isEnum()) {
                throw expected(path, type, value);
            }
            return;
        }
        if (raw.isAnnotationPresent(JsonAdapter.class)) {
            checkAdapted(value, raw, path);
        } else if (raw == boolean.class || raw == Boolean.class) {
            require(
                    isPrimitive(value) && value.getAsJsonPrimitive().isBoolean(),
                    path,
                    type,
                    value);
        } else if (isWholeNumber(raw)) {
            checkWholeNumber(value, raw, path, type);
        } else if (isNumber(raw)) {
            require(isNumeric(value), path, type, value);
        } else if (raw == String.class) {
            require(isPrimitive(value), path, type, value);
        } else if (raw.isEnum()) {
            require(
                    isPrimitive(value) && EnumNames.find(raw, value.getAsString()) != null,
                    path,
                    type,
                    value);
        } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            require(value.isJsonArray(), path, type, value);
            Type element = elementType(type);
            JsonArray array = value.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                checkValue(array.get(i), element, path + "[" + i + "]", root);
            }
        } else if (raw.isRecord()) {
            require(value.isJsonObject(), path, type, value);
            checkRecord(value.getAsJsonObject(), raw, path, type, root);
        } else if (isConfig(raw)) {
            require(value.isJsonObject(), path, type, value);
            checkObject(value.getAsJsonObject(), raw, path, root);
        }
    }

    /** A type with its own JSON adapter (a value written as a name): the adapter decides. */
    private static void checkAdapted(JsonElement value, Class<?> type, String path) {
        try {
            GSON.fromJson(value, type);
        } catch (ConfigException e) {
            throw e.under(path);
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException e) {
            throw ConfigException.at(path, "%s, got %s", rootCause(e), shown(value));
        }
    }

    private static void checkObject(JsonObject object, Class<?> type, String path, Class<?> root) {
        Map<String, Field> fields = fields(type);
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            Field field = fields.get(entry.getKey());
            String key = join(path, entry.getKey());
            if (field == null) {
                throw unknownKey(key, entry.getKey(), fields.keySet(), root);
            }
            checkValue(entry.getValue(), field.getGenericType(), key, root);
        }
    }

    private static void checkRecord(
            JsonObject object, Class<?> type, String path, Type declared, Class<?> root) {
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.put(component.getName(), component);
        }
        for (String key : object.keySet()) {
            if (!components.containsKey(key)) {
                throw unknownKey(join(path, key), key, components.keySet(), root);
            }
        }
        for (RecordComponent component : components.values()) {
            if (!object.has(component.getName())) {
                throw expected(path, declared, object);
            }
            checkValue(
                    object.get(component.getName()),
                    component.getGenericType(),
                    join(path, component.getName()),
                    root);
        }
    }

    private static void checkWholeNumber(JsonElement value, Class<?> raw, String path, Type type) {
        require(isNumeric(value), path, type, value);
        BigDecimal number;
        try {
            number = new BigDecimal(value.getAsString());
        } catch (NumberFormatException e) {
            throw expected(path, type, value);
        }
        require(number.stripTrailingZeros().scale() <= 0, path, type, value);
        boolean isLong = raw == long.class || raw == Long.class;
        BigDecimal min = BigDecimal.valueOf(isLong ? Long.MIN_VALUE : Integer.MIN_VALUE);
        BigDecimal max = BigDecimal.valueOf(isLong ? Long.MAX_VALUE : Integer.MAX_VALUE);
        ConfigException.require(
                number.compareTo(min) >= 0 && number.compareTo(max) <= 0,
                path,
                "must be between %s and %s, got %s",
                min,
                max,
                shown(value));
    }

    private static void require(boolean valid, String path, Type type, JsonElement value) {
        if (!valid) {
            throw expected(path, type, value);
        }
    }

    private static ConfigException expected(String path, Type type, JsonElement value) {
        return ConfigException.at(path, "expected %s, got %s", describe(type), shown(value));
    }

    /**
     * An unknown key, with a suggestion: a key of its own section that differs only in case; else
     * the same key in a section that shares the most of its path ({@code student.epochs} for {@code
     * student.training.epochs}); else the nearest key of its own section; else the same key
     * anywhere ({@code evaluation.reportWith} for {@code engine.reportWith}).
     */
    private static ConfigException unknownKey(
            String path, String key, Collection<String> known, Class<?> root) {
        List<String> sorted = known.stream().sorted().toList();
        String nearest = nearest(key, sorted);
        List<String> elsewhere = new ArrayList<>();
        keyPathsNamed(key, root, "", new ArrayList<>(), elsewhere);
        List<String> keys = segments(path);
        List<String> section = keys.subList(0, keys.size() - 1);
        elsewhere.sort(
                Comparator.comparingInt((String other) -> -sharedSegments(section, other))
                        .thenComparingInt(other -> segments(other).size()));
        boolean caseOnly = sorted.stream().anyMatch(key::equalsIgnoreCase);
        String suggestion;
        if (caseOnly || elsewhere.isEmpty()) {
            suggestion = nearest == null ? null : "'" + nearest + "'";
        } else if (sharedSegments(section, elsewhere.get(0)) > 0 || nearest == null) {
            String other = elsewhere.get(0);
            suggestion = (other.contains(".") ? "" : "the top-level ") + "'" + other + "'";
        } else {
            suggestion = "'" + nearest + "'";
        }
        return ConfigException.at(
                path,
                "unknown key%s; known keys: %s",
                suggestion == null ? "" : " (did you mean " + suggestion + "?)",
                String.join(", ", sorted));
    }

    private static List<String> segments(String path) {
        return List.of(path.split("\\."));
    }

    /** How many leading sections of {@code section} the key path {@code other} lies in. */
    private static int sharedSegments(List<String> section, String other) {
        List<String> parts = segments(other);
        int shared = 0;
        while (shared < section.size()
                && shared < parts.size() - 1
                && section.get(shared).equals(parts.get(shared))) {
            shared++;
        }
        return shared;
    }

    /**
     * Adds to {@code found} the key paths under {@code type} whose last key is {@code key},
     * ignoring case, in the order of the classes' fields; lists are not entered.
     */
    private static void keyPathsNamed(
            String key, Class<?> type, String path, List<Class<?>> open, List<String> found) {
        if (open.contains(type) || type.isAnnotationPresent(JsonAdapter.class)) {
            return;
        }
        open.add(type);
        Map<String, Class<?>> children = new LinkedHashMap<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                children.put(component.getName(), component.getType());
            }
        } else {
            fields(type).forEach((name, field) -> children.put(name, field.getType()));
        }
        children.keySet().stream()
                .filter(name -> name.equalsIgnoreCase(key))
                .forEach(name -> found.add(join(path, name)));
        children.forEach(
                (name, child) -> {
                    if (isConfig(child) || child.isRecord()) {
                        keyPathsNamed(key, child, join(path, name), open, found);
                    }
                });
        open.remove(open.size() - 1);
    }

    /** What a value of {@code type} looks like, in the user's words. */
    static String describe(Type type) {
        Class<?> raw = rawClass(type);
        if (raw == boolean.class || raw == Boolean.class) {
            return "true or false";
        } else if (isWholeNumber(raw)) {
            return "a whole number";
        } else if (isNumber(raw)) {
            return "a number";
        } else if (raw == String.class) {
            return "a string";
        } else if (raw.isEnum()) {
            return "one of " + String.join(", ", EnumNames.names(raw));
        } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return "a list of " + plural(describe(elementType(type)));
        } else if (raw.isRecord()) {
            return Arrays.stream(raw.getRecordComponents())
                    .map(c -> "\"" + c.getName() + "\": " + describe(c.getGenericType()))
                    .collect(Collectors.joining(", ", "an object {", "}"));
        }
        return "an object";
    }

    private static String plural(String description) {
        if (description.startsWith("a ")) {
            return description.substring(2) + "s";
        }
        return description.startsWith("an ") ? description.substring(3) + "s" : description;
    }

    private static String shown(JsonElement value) {
        String text = value == null ? "nothing" : value.toString();
        return text.length() <= SHOWN_VALUE_LENGTH
                ? text
                : text.substring(0, SHOWN_VALUE_LENGTH - 1) + "…";
    }

    // ---- rules ----

    private static void checkRules(Object config, String path) {
        if (config == null) {
            return;
        }
        if (config instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                checkRules(item, path + "[" + i++ + "]");
            }
            return;
        }
        Class<?> type = config.getClass();
        if (!isConfig(type) && !type.isRecord() || type.isAnnotationPresent(JsonAdapter.class)) {
            return;
        }
        for (Field field : fields(type).values()) {
            if (isConfig(field.getType())
                    || field.getType().isRecord()
                    || Collection.class.isAssignableFrom(field.getType())) {
                checkRules(valueOf(field, config), join(path, field.getName()));
            }
        }
        if (config instanceof CheckedConfig checked) {
            try {
                checked.check();
            } catch (ConfigException e) {
                throw e.under(path);
            }
        }
    }

    private static Object valueOf(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read config field " + field, e);
        }
    }

    // ---- reflection helpers ----

    private static Map<String, Field> fields(Class<?> type) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
                fields.put(field.getName(), field);
            }
        }
        return fields;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        } else if (type instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        } else if (type instanceof GenericArrayType a) {
            return Array.newInstance(rawClass(a.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    private static Type elementType(Type type) {
        if (type instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        } else if (type instanceof GenericArrayType a) {
            return a.getGenericComponentType();
        } else if (type instanceof ParameterizedType p && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    private static boolean isConfig(Class<?> type) {
        return !type.isEnum()
                && !type.isPrimitive()
                && !type.isArray()
                && type.getPackageName().startsWith(PROJECT_PACKAGE);
    }

    private static boolean isWholeNumber(Class<?> raw) {
        return raw == int.class
                || raw == Integer.class
                || raw == long.class
                || raw == Long.class
                || raw == short.class
                || raw == Short.class;
    }

    private static boolean isNumber(Class<?> raw) {
        return raw == float.class
                || raw == Float.class
                || raw == double.class
                || raw == Double.class;
    }

    private static boolean isPrimitive(JsonElement value) {
        return value.isJsonPrimitive();
    }

    private static boolean isNumeric(JsonElement value) {
        if (!value.isJsonPrimitive()) {
            return false;
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (primitive.isNumber()) {
            return true;
        }
        // NaN and the infinities, which configs may hold (written by serializeSpecialFloatingPoint)
        String text = primitive.getAsString();
        return primitive.isString()
                && (text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity"));
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The known key closest to {@code key} by edit distance, if it is close enough. */
    private static String nearest(String key, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

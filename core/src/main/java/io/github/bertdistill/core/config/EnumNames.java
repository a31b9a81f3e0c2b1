package io.github.bertdistill.core.config;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How configs spell enum values: a constant is written as its {@link SerializedName} when it has
 * one ({@code "chinese-char"}), else as its name ({@code "ADAMW"}); it is read from either,
 * ignoring case, with {@code -} and {@code _} alike, so recipes may write {@code "kl"} or {@code
 * "KL"}.
 */
final class EnumNames implements TypeAdapterFactory {

    /** The constant of {@code type} that {@code text} names, or {@code null}. */
    static Enum<?> find(Class<?> type, String text) {
        String wanted = normalise(text);
        for (Object constant : type.getEnumConstants()) {
            Enum<?> value = (Enum<?>) constant;
            if (normalise(value.name()).equals(wanted)
                    || normalise(written(value)).equals(wanted)) {
                return value;
            }
        }
        return null;
    }

    /** The written names of {@code type}'s constants. */
    static List<String> names(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(written((Enum<?>) constant));
        }
        return names;
    }

    /** How {@code value} is written. */
    static String written(Enum<?> value) {
        try {
            SerializedName name =
                    value.getDeclaringClass()
                            .getField(value.name())
                            .getAnnotation(SerializedName.class);
            return name == null ? value.name() : name.value();
        } catch (NoSuchFieldException e) {
            return value.name();
        }
    }

    private static String normalise(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> token) {
        Class<?> raw = token.getRawType();
        if (!Enum.class.isAssignableFrom(raw) || raw == Enum.class) {
            return null;
        }
        Class<?> type = raw.isEnum() ? raw : raw.getSuperclass();
        return (TypeAdapter<T>) new Adapter(type).nullSafe();
    }

    private static final class Adapter extends TypeAdapter<Enum<?>> {
        private final Class<?> type;

        Adapter(Class<?> type) {
            this.type = type;
        }

        @Override
        public void write(JsonWriter out, Enum<?> value) throws IOException {
            out.value(written(value));
        }

        @Override
        public Enum<?> read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            String text = in.nextString();
            Enum<?> value = find(type, text);
            if (value == null) {
                throw new JsonParseException(
                        "'" + text + "' is not one of " + String.join(", ", names(type)));
            }
            return value;
        }
    }
}

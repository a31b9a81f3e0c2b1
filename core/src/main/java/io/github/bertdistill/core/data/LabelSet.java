package io.github.bertdistill.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.primitives.Ints;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The ordered class names of a classification task: index {@code i} of a logit vector is the class
 * {@code name(i)}.
 *
 * <p>A label set is saved as JSON beside every model ({@code {"labels": ["neg", "pos"]}}), so a
 * model never depends on the order in which labels happened to appear in a data file. When a label
 * set is inferred from data, names that are all integers are ordered numerically ({@code "2"}
 * before {@code "10"}), anything else lexicographically.
 */
public final class LabelSet {
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();
    private static final Comparator<String> NUMERIC_ORDER =
            Comparator.comparingLong(Long::parseLong);

    private final ImmutableList<String> names;
    private final ImmutableMap<String, Integer> indices;

    private LabelSet(List<String> names) {
        checkArgument(!names.isEmpty(), "a label set needs at least one label");
        ImmutableMap.Builder<String, Integer> builder = ImmutableMap.builder();
        for (int i = 0; i < names.size(); i++) {
            String name = Objects.requireNonNull(names.get(i), "label name");
            checkArgument(!name.isBlank(), "label %s is blank", i);
            int first = names.indexOf(name);
            checkArgument(
                    first == i,
                    "label '%s' is given twice (at %s and %s): %s",
                    name,
                    first,
                    i,
                    names);
            builder.put(name, i);
        }
        this.names = ImmutableList.copyOf(names);
        this.indices = builder.buildOrThrow();
    }

    /** A label set with exactly this order. Duplicate or blank names are rejected. */
    public static LabelSet of(List<String> names) {
        return new LabelSet(names);
    }

    /** A label set with exactly this order. */
    public static LabelSet of(String... names) {
        return new LabelSet(List.of(names));
    }

    /**
     * The distinct names in {@code labels}, ordered numerically when all are integers, otherwise
     * lexicographically.
     */
    public static LabelSet inferFrom(Collection<String> labels) {
        boolean numeric = !labels.isEmpty() && labels.stream().allMatch(LabelSet::isInteger);
        TreeSet<String> distinct =
                new TreeSet<>(numeric ? NUMERIC_ORDER : Comparator.<String>naturalOrder());
        distinct.addAll(labels);
        return new LabelSet(List.copyOf(distinct));
    }

    private static boolean isInteger(String s) {
        return Ints.tryParse(s) != null;
    }

    /** Number of classes. */
    public int size() {
        return names.size();
    }

    /** The class name at {@code index}. */
    public String name(int index) {
        checkArgument(
                index >= 0 && index < names.size(),
                "label index %s out of range [0, %s)",
                index,
                names.size());
        return names.get(index);
    }

    /** The names in index order. */
    public List<String> names() {
        return names;
    }

    /** Whether {@code name} is one of the classes. */
    public boolean contains(String name) {
        return indices.containsKey(name);
    }

    /**
     * The index of {@code name}.
     *
     * @throws IllegalArgumentException naming the unknown label and the known ones
     */
    public int indexOf(String name) {
        Integer index = indices.get(name);
        if (index == null) {
            throw new IllegalArgumentException(
                    "label '" + name + "' is not in the label set " + names);
        }
        return index;
    }

    /** This label set as the JSON saved beside models. */
    public String toJson() {
        JsonObject root = new JsonObject();
        JsonArray array = new JsonArray();
        names.forEach(array::add);
        root.add("labels", array);
        return GSON.toJson(root) + "\n";
    }

    /**
     * Reads the JSON written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the JSON is not a {@code {"labels": [...]}} object
     */
    public static LabelSet fromJson(String json) {
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject() || !root.getAsJsonObject().has("labels")) {
                throw new IllegalArgumentException(
                        "label-set JSON must be an object with a \"labels\" array");
            }
            ImmutableList.Builder<String> names = ImmutableList.builder();
            for (JsonElement e : root.getAsJsonObject().getAsJsonArray("labels")) {
                names.add(e.getAsString());
            }
            return new LabelSet(names.build());
        } catch (JsonParseException | IllegalStateException | ClassCastException e) {
            throw new IllegalArgumentException("invalid label-set JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet && names.equals(((LabelSet) o).names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "LabelSet" + names;
    }
}

package io.github.bertdistill.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An immutable, named list of {@link TextExample}s with unique ids.
 *
 * <p>Its {@link #fingerprint() fingerprint} is a SHA-256 over every id, text and label in order:
 * two datasets with the same fingerprint hold exactly the same examples, which is what caches,
 * reports and recipes record to prove which data a number came from. The name is not part of the
 * fingerprint.
 */
public final class TextDataset implements Iterable<TextExample> {
    private final String name;
    private final ImmutableList<TextExample> examples;
    private final Supplier<String> fingerprint;

    private TextDataset(String name, List<TextExample> examples) {
        checkArgument(name != null && !name.isBlank(), "dataset name must not be blank");
        this.name = name;
        this.examples = ImmutableList.copyOf(examples);
        Set<String> ids = new HashSet<>();
        for (TextExample example : this.examples) {
            checkArgument(
                    ids.add(example.id()),
                    "dataset '%s' has the example id '%s' twice",
                    name,
                    example.id());
        }
        this.fingerprint = Suppliers.memoize(this::computeFingerprint);
    }

    /**
     * A dataset of these examples.
     *
     * @throws IllegalArgumentException if two examples share an id
     */
    public static TextDataset of(String name, List<TextExample> examples) {
        return new TextDataset(name, examples);
    }

    /** The dataset's name, such as {@code sst2/train}. */
    public String name() {
        return name;
    }

    /** The examples, in order. */
    public List<TextExample> examples() {
        return examples;
    }

    /** The example at {@code index}. */
    public TextExample get(int index) {
        return examples.get(index);
    }

    /** Number of examples. */
    public int size() {
        return examples.size();
    }

    /** Whether every example carries a gold label. */
    public boolean isFullyLabelled() {
        return examples.stream().allMatch(TextExample::isLabelled);
    }

    /**
     * The label set inferred from the labelled examples (see {@link LabelSet#inferFrom}).
     *
     * @throws IllegalStateException if no example is labelled
     */
    public LabelSet inferLabelSet() {
        List<String> labels =
                examples.stream()
                        .filter(TextExample::isLabelled)
                        .map(e -> e.label().orElseThrow())
                        .collect(Collectors.toList());
        if (labels.isEmpty()) {
            throw new IllegalStateException("dataset '" + name + "' has no labelled example");
        }
        return LabelSet.inferFrom(labels);
    }

    /** The first labelled example whose label {@code labels} does not have. */
    public Optional<TextExample> firstLabelledOutside(LabelSet labels) {
        return examples.stream()
                .filter(e -> e.label().isPresent() && !labels.contains(e.label().get()))
                .findFirst();
    }

    /**
     * The gold label index of every example under {@code labels}.
     *
     * @throws IllegalArgumentException naming the first example that is unlabelled or whose label
     *     is not in {@code labels}
     */
    public int[] labelIndices(LabelSet labels) {
        int[] indices = new int[examples.size()];
        for (int i = 0; i < indices.length; i++) {
            TextExample example = examples.get(i);
            String label =
                    example.label()
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "example '"
                                                            + example.id()
                                                            + "' in dataset '"
                                                            + name
                                                            + "' has no label"));
            if (!labels.contains(label)) {
                throw new IllegalArgumentException(
                        "example '"
                                + example.id()
                                + "' in dataset '"
                                + name
                                + "' has label '"
                                + label
                                + "', which is not in "
                                + labels.names());
            }
            indices[i] = labels.indexOf(label);
        }
        return indices;
    }

    /** The texts, in order. */
    public List<String> texts() {
        return examples.stream().map(TextExample::text).collect(Collectors.toList());
    }

    /** A dataset with another name and these examples (ids must stay unique). */
    public TextDataset derive(String newName, List<TextExample> newExamples) {
        return new TextDataset(newName, newExamples);
    }

    /** Hex SHA-256 of every id, text and label, in order; independent of the name. */
    public String fingerprint() {
        return fingerprint.get();
    }

    private String computeFingerprint() {
        Hasher hasher = Hashing.sha256().newHasher();
        for (TextExample example : examples) {
            putField(hasher, example.id());
            putField(hasher, example.text());
            hasher.putBoolean(example.isLabelled());
            putField(hasher, example.label().orElse(""));
        }
        return hasher.hash().toString();
    }

    private static void putField(Hasher hasher, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        hasher.putInt(bytes.length).putBytes(bytes);
    }

    @Override
    public Iterator<TextExample> iterator() {
        return examples.iterator();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TextDataset)) {
            return false;
        }
        TextDataset other = (TextDataset) o;
        return name.equals(other.name) && examples.equals(other.examples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, examples);
    }

    @Override
    public String toString() {
        return "TextDataset{" + name + ", " + examples.size() + " examples}";
    }
}

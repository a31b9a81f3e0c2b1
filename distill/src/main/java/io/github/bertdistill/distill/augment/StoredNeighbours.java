package io.github.bertdistill.distill.augment;

import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of another {@link EmbeddingNeighbours}, kept in a file so that building the same
 * transfer set again does not repeat the neighbour search.
 *
 * <p>Searching a teacher's vocabulary costs one {@code O(V·d)} pass per distinct word ({@link
 * CosineNeighbours}), tens of seconds to minutes for a data set such as SST-2, while augmenting the
 * texts with known neighbours takes seconds. A batch ({@link #neighboursOfAll}) sends only the
 * words without an answer to the search, in one batch. Every later use of a run folder (another
 * student, a sweep, more copies, other augmentation probabilities) therefore reads the neighbours
 * from this file.
 *
 * <p>The file is text: a first line {@code # STAMP}, then one line per word, {@code word TAB
 * neighbour neighbour …}. The stamp says what produced the answers (the teacher's fingerprint, the
 * number of neighbours, the case setting); a file with another stamp, or one that cannot be read
 * line by line, is ignored with a warning and replaced, never used. {@link #save} writes the file
 * atomically, and only when the search had to answer a new word.
 */
public final class StoredNeighbours implements EmbeddingNeighbours {
    private static final Logger LOG = LoggerFactory.getLogger(StoredNeighbours.class);
    private static final String STAMP_PREFIX = "# ";

    private final Path file;
    private final String stamp;
    private final EmbeddingNeighbours search;
    private final Map<String, List<String>> answers;
    private final AtomicBoolean changed = new AtomicBoolean();

    private StoredNeighbours(
            Path file, String stamp, EmbeddingNeighbours search, Map<String, List<String>> read) {
        this.file = file;
        this.stamp = stamp;
        this.search = search;
        this.answers = new ConcurrentHashMap<>(read);
    }

    /**
     * The answers stored in {@code file} under {@code stamp}, falling back to {@code search} for
     * any other word.
     *
     * @param stamp what produced the answers, on one line; a file with another stamp is ignored
     * @throws IOException if the file exists but cannot be read
     * @throws IllegalArgumentException if {@code stamp} spans several lines
     */
    public static StoredNeighbours open(Path file, String stamp, EmbeddingNeighbours search)
            throws IOException {
        if (stamp.contains("\n") || stamp.contains("\r")) {
            throw new IllegalArgumentException("the neighbour stamp must be one line: " + stamp);
        }
        return new StoredNeighbours(file, stamp, search, read(file, stamp).orElse(Map.of()));
    }

    @Override
    public List<String> neighbours(String word) {
        return answers.computeIfAbsent(
                word,
                w -> {
                    changed.set(true);
                    return search.neighbours(w);
                });
    }

    /** Searches the words without a stored answer at once, through the search's batch answer. */
    @Override
    public Map<String, List<String>> neighboursOfAll(Collection<String> words) {
        List<String> missing = words.stream().filter(w -> !answers.containsKey(w)).toList();
        if (!missing.isEmpty()) {
            search.neighboursOfAll(missing).forEach(answers::putIfAbsent);
            changed.set(true);
        }
        Map<String, List<String>> found = new HashMap<>();
        for (String word : words) {
            found.put(word, answers.get(word));
        }
        return found;
    }

    /** How many words have an answer, stored or searched. */
    public int size() {
        return answers.size();
    }

    /** Writes every answer to the file, atomically, if any was searched since it was read. */
    public void save() throws IOException {
        if (!changed.get()) {
            return;
        }
        StringBuilder text = new StringBuilder(STAMP_PREFIX).append(stamp).append('\n');
        new TreeMap<>(answers)
                .forEach(
                        (word, neighbours) -> {
                            if (isStorable(word)
                                    && neighbours.stream().allMatch(StoredNeighbours::isStorable)) {
                                text.append(word)
                                        .append('\t')
                                        .append(String.join(" ", neighbours))
                                        .append('\n');
                            }
                        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeString(file, text.toString());
        changed.set(false);
    }

    /** A word the line format can hold (the search answers such words with no neighbour). */
    private static boolean isStorable(String word) {
        return !word.isEmpty() && word.chars().noneMatch(Character::isWhitespace);
    }

    private static Optional<Map<String, List<String>>> read(Path file, String stamp)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(STAMP_PREFIX + stamp)) {
            LOG.warn(
                    "{} starts with '{}', not '{}{}': searching the neighbours again",
                    file,
                    lines.isEmpty() ? "" : lines.get(0),
                    STAMP_PREFIX,
                    stamp);
            return Optional.empty();
        }
        Map<String, List<String>> answers = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                LOG.warn(
                        "{} line {} is not 'word TAB neighbours': searching the neighbours again",
                        file,
                        i + 1);
                return Optional.empty();
            }
            String rest = line.substring(tab + 1);
            answers.put(
                    line.substring(0, tab),
                    rest.isEmpty() ? List.of() : List.copyOf(Arrays.asList(rest.split(" "))));
        }
        return Optional.of(answers);
    }
}

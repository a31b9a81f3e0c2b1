package io.github.bertdistill.student.init;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Pre-trained word vectors in the text format of word2vec and GloVe: one word per line followed by
 * its {@code d} numbers, separated by spaces; word2vec files start with a {@code "count d"} header
 * line, GloVe files do not (both are recognised). If a line has more than {@code d + 1} fields, the
 * last {@code d} are the vector and the rest, joined by spaces, the word. A file whose name ends in
 * {@code .gz} is read through gzip.
 */
public final class WordVectors {
    private final int dimension;
    private final Map<String, float[]> vectors;
    private final Map<String, float[]> lowerCased = new HashMap<>();

    private WordVectors(int dimension, Map<String, float[]> vectors, List<String> order) {
        this.dimension = dimension;
        this.vectors = vectors;
        for (String word : order) {
            lowerCased.putIfAbsent(word.toLowerCase(Locale.ROOT), vectors.get(word));
        }
    }

    /**
     * Reads the vectors of the words that {@code keep} accepts (all of them with {@code w -> true};
     * a filter keeps memory small for large files). The first vector of a word that appears twice
     * wins.
     *
     * @throws IOException naming the file and line of the first malformed line
     */
    public static WordVectors read(Path file, Predicate<String> keep) throws IOException {
        Map<String, float[]> vectors = new HashMap<>();
        List<String> order = new ArrayList<>();
        int dimension = -1;
        try (BufferedReader reader = open(file)) {
            String line;
            int number = 0;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] fields = trimmed.split(" +");
                boolean header = first && isHeader(fields);
                first = false;
                if (header) {
                    dimension = Integer.parseInt(fields[1]);
                    continue;
                }
                if (dimension < 0) {
                    dimension = fields.length - 1;
                }
                if (dimension < 1 || fields.length < dimension + 1) {
                    throw new IOException(
                            file
                                    + ":"
                                    + number
                                    + ": expected a word and "
                                    + Math.max(dimension, 1)
                                    + " numbers, got "
                                    + fields.length
                                    + " fields");
                }
                int wordFields = fields.length - dimension;
                String word =
                        wordFields == 1
                                ? fields[0]
                                : String.join(" ", java.util.Arrays.copyOf(fields, wordFields));
                if (!keep.test(word) || vectors.containsKey(word)) {
                    continue;
                }
                float[] vector = new float[dimension];
                try {
                    for (int j = 0; j < dimension; j++) {
                        vector[j] = Float.parseFloat(fields[wordFields + j]);
                    }
                } catch (NumberFormatException e) {
                    throw new IOException(
                            file + ":" + number + ": not a number: " + e.getMessage(), e);
                }
                vectors.put(word, vector);
                order.add(word);
            }
        }
        if (dimension < 1) {
            throw new IOException(file + ": no word vectors found");
        }
        return new WordVectors(dimension, vectors, order);
    }

    /**
     * Writes vectors in the word2vec text format that {@link #read} reads: a {@code "count d"}
     * header, then one word and its {@code d} numbers per line. Words must not contain white space.
     *
     * @param words the words
     * @param values the {@code [words.size(), dimension]} vectors, row-major
     * @throws IllegalArgumentException naming a word with white space, or if the sizes disagree
     */
    public static void write(OutputStream out, List<String> words, float[] values, int dimension)
            throws IOException {
        checkArgument(
                dimension >= 1 && values.length == words.size() * dimension,
                "%s values are not %s vectors of %s",
                values.length,
                words.size(),
                dimension);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write(words.size() + " " + dimension + "\n");
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            checkArgument(
                    !word.isEmpty() && word.chars().noneMatch(Character::isWhitespace),
                    "the word '%s' is empty or holds white space",
                    word);
            StringBuilder line = new StringBuilder(word);
            for (int j = 0; j < dimension; j++) {
                line.append(' ').append(values[w * dimension + j]);
            }
            writer.write(line.append('\n').toString());
        }
        writer.flush();
    }

    /**
     * The width of the vectors in {@code file}, read from its header or its first vector line
     * without reading the rest.
     *
     * @throws IOException naming the file if it holds no vector line
     */
    public static int dimensionOf(Path file) throws IOException {
        try (BufferedReader reader = open(file)) {
            String line;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String[] fields = trimmed.split(" +");
                if (first && isHeader(fields)) {
                    return Integer.parseInt(fields[1]);
                }
                first = false;
                if (fields.length >= 2) {
                    return fields.length - 1;
                }
            }
        }
        throw new IOException(file + ": no word vectors found");
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            try {
                in = new GZIPInputStream(in, 1 << 16);
            } catch (ZipException e) {
                in.close();
                throw new IOException(file + ": not a gzip file (" + e.getMessage() + ")", e);
            }
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * A word2vec header: {@code "count d"} on the first line that is not blank (the rule both
     * {@link #read} and {@link #dimensionOf} apply).
     */
    private static boolean isHeader(String[] fields) {
        return fields.length == 2 && isInt(fields[0]) && isInt(fields[1]);
    }

    private static boolean isInt(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    /** Width of the vectors. */
    public int dimension() {
        return dimension;
    }

    /** Number of words read. */
    public int size() {
        return vectors.size();
    }

    /**
     * The vector of {@code word} ignoring case: the first word of the file that equals it after
     * lower-casing, or null (not a copy).
     */
    public float[] getIgnoringCase(String word) {
        return lowerCased.get(word.toLowerCase(Locale.ROOT));
    }

    /** The vector of {@code word}, or null (not a copy). */
    public float[] get(String word) {
        return vectors.get(word);
    }
}

package io.github.bertdistill.distill.cache;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import io.github.bertdistill.core.storage.FileErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Identifies the teacher whose logits a cache holds: anything that changes what the teacher outputs
 * for a text must change the fingerprint, so that stale logits are never used silently.
 *
 * <p>Either supply a fingerprint string yourself ({@link #of}) or build one from its parts with
 * {@link #builder()}: the weights (a file, a folder, or a hash you already have), the model config,
 * the tokenizer settings and the maximum sequence length, plus any extra named parts. The value is
 * the hex SHA-256 over the parts sorted by name, each written as {@code len(name) name len(value)
 * value}, so the order of the builder calls does not matter.
 */
public final class TeacherFingerprint {
    private static final String WEIGHTS = "weights";
    private static final String CONFIG = "config";
    private static final String TOKENIZER = "tokenizer";
    private static final String MAX_LENGTH = "maxLength";
    private static final List<String> REQUIRED = List.of(WEIGHTS, CONFIG, TOKENIZER, MAX_LENGTH);

    private final String value;

    private TeacherFingerprint(String value) {
        checkArgument(value != null && !value.isBlank(), "a teacher fingerprint must not be blank");
        this.value = value;
    }

    /** A fingerprint the caller computed. */
    public static TeacherFingerprint of(String value) {
        return new TeacherFingerprint(value);
    }

    /** A builder that hashes the teacher's parts. */
    public static Builder builder() {
        return new Builder();
    }

    /** The fingerprint string stored in the cache manifest. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TeacherFingerprint other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    /** Collects the parts of a teacher and hashes them with SHA-256. */
    public static final class Builder {
        private final Map<String, String> parts = new TreeMap<>();

        private Builder() {}

        /**
         * The teacher's weights: the SHA-256 of a file's bytes, or for a folder, of every regular
         * file in it (relative path and bytes, in path order).
         *
         * @throws IOException {@code cannot hash <path>: <cause>} if it cannot be read
         */
        public Builder setWeights(Path fileOrFolder) throws IOException {
            return setWeightsHash(hashOf(fileOrFolder));
        }

        /** The teacher's weights as a hash the caller already has. */
        public Builder setWeightsHash(String hash) {
            return put(WEIGHTS, hash);
        }

        /** The model config, for example its JSON. */
        public Builder setConfig(String config) {
            return put(CONFIG, config);
        }

        /** The tokenizer settings, for example the tokenizer JSON or vocabulary hash and casing. */
        public Builder setTokenizerSettings(String settings) {
            return put(TOKENIZER, settings);
        }

        /** The maximum number of tokens the teacher reads per text. */
        public Builder setMaxLength(int maxLength) {
            checkArgument(maxLength > 0, "max length must be positive, got %s", maxLength);
            return put(MAX_LENGTH, Integer.toString(maxLength));
        }

        /** Any other setting that changes the teacher's output (a pooling mode, a precision). */
        public Builder optPart(String name, String value) {
            checkArgument(!REQUIRED.contains(name), "'%s' has its own setter", name);
            return put(name, value);
        }

        private Builder put(String name, String value) {
            parts.put(
                    Objects.requireNonNull(name, "name"),
                    Objects.requireNonNull(value, name + " value"));
            return this;
        }

        /**
         * The fingerprint.
         *
         * @throws IllegalStateException naming the required parts not set
         */
        public TeacherFingerprint build() {
            List<String> missing =
                    REQUIRED.stream()
                            .filter(p -> !parts.containsKey(p))
                            .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("teacher fingerprint lacks the parts " + missing);
            }
            Hasher hasher = Hashing.sha256().newHasher();
            parts.forEach(
                    (name, value) -> {
                        putString(hasher, name);
                        putString(hasher, value);
                    });
            return new TeacherFingerprint(hasher.hash().toString());
        }
    }

    /**
     * The hex SHA-256 of a file's bytes, or for a folder, of every regular file in it (relative
     * path and bytes, in path order): what {@link Builder#setWeights} hashes, and an identity of
     * any model folder.
     *
     * @throws IOException {@code cannot hash <path>: <cause>} if a file cannot be read
     */
    public static String hashOf(Path path) throws IOException {
        try {
            if (!Files.isDirectory(path)) {
                return MoreFiles.asByteSource(path).hash(Hashing.sha256()).toString();
            }
            Hasher hasher = Hashing.sha256().newHasher();
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    putString(hasher, path.relativize(file).toString().replace('\\', '/'));
                    hasher.putBytes(MoreFiles.asByteSource(file).hash(Hashing.sha256()).asBytes());
                }
            }
            return hasher.hash().toString();
        } catch (IOException e) {
            throw FileErrors.naming("cannot hash", path, e);
        }
    }

    private static void putString(Hasher hasher, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        hasher.putInt(bytes.length).putBytes(bytes);
    }
}

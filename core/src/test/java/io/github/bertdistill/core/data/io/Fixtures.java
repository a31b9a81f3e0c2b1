package io.github.bertdistill.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.function.Executable;

/** Writes test files and checks format errors, for the reader tests. */
final class Fixtures {
    /** Options that skip bad rows. */
    static final ReadOptions SKIP =
            ReadOptions.builder().optErrorPolicy(ErrorPolicy.SKIP_BAD_ROWS).build();

    private Fixtures() {}

    /** Writes {@code content} as UTF-8 to {@code dir/name}. */
    static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /**
     * Writes the UTF-8 of each string part and each {@code byte[]} part, in order, to {@code
     * dir/name}: a way to put invalid bytes between valid text.
     */
    static Path writeBytes(Path dir, String name, Object... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Object part : parts) {
            bytes.writeBytes(
                    part instanceof byte[]
                            ? (byte[]) part
                            : ((String) part).getBytes(StandardCharsets.UTF_8));
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    /**
     * Asserts that {@code read} throws a {@link DatasetFormatException} for {@code file}, {@code
     * line} and {@code field} ({@code null}: none), and returns it.
     */
    static DatasetFormatException assertFormatError(
            Path file, int line, String field, Executable read) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, read);
        assertEquals(Optional.of(file), e.file(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(Optional.ofNullable(field), e.field(), e.getMessage());
        return e;
    }
}

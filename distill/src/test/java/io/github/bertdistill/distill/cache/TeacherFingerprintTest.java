package io.github.bertdistill.distill.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherFingerprintTest {
    @TempDir Path root;

    private static TeacherFingerprint.Builder base() {
        return TeacherFingerprint.builder()
                .setWeightsHash("abc")
                .setConfig("{\"layers\":6}")
                .setTokenizerSettings("uncased")
                .setMaxLength(128);
    }

    @Test
    void isStableAndIndependentOfCallOrder() {
        TeacherFingerprint reordered =
                TeacherFingerprint.builder()
                        .setMaxLength(128)
                        .setTokenizerSettings("uncased")
                        .setConfig("{\"layers\":6}")
                        .setWeightsHash("abc")
                        .build();
        assertEquals(base().build(), reordered);
        assertEquals(64, reordered.value().length());
    }

    @Test
    void everyPartChangesIt() {
        TeacherFingerprint original = base().build();
        assertNotEquals(original, base().setMaxLength(64).build());
        assertNotEquals(original, base().setWeightsHash("abd").build());
        assertNotEquals(original, base().setConfig("{\"layers\":12}").build());
        assertNotEquals(original, base().setTokenizerSettings("cased").build());
        assertNotEquals(original, base().optPart("pooling", "mean").build());
    }

    @Test
    void hashesWeightFilesAndFolders() throws IOException {
        Path folder = Files.createDirectories(root.resolve("model"));
        Files.write(folder.resolve("weights.bin"), new byte[] {1, 2, 3});
        TeacherFingerprint before = base().setWeights(folder).build();
        TeacherFingerprint file = base().setWeights(folder.resolve("weights.bin")).build();
        Files.write(folder.resolve("weights.bin"), new byte[] {1, 2, 4});

        assertNotEquals(before, base().setWeights(folder).build());
        assertNotEquals(file, base().setWeights(folder.resolve("weights.bin")).build());
    }

    @Test
    void missingWeightsAreACheckedErrorNamingThePath() {
        Path missing = root.resolve("weights.safetensors");
        IOException e = assertThrows(IOException.class, () -> base().setWeights(missing));
        assertTrue(e.getMessage().startsWith("cannot hash " + missing + ": "), e.getMessage());
    }

    @Test
    void namesMissingParts() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> TeacherFingerprint.builder().setWeightsHash("abc").build());
        assertTrue(e.getMessage().contains("maxLength"), e.getMessage());
    }
}

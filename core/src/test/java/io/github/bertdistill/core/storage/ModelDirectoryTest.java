package io.github.bertdistill.core.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.bertdistill.core.data.LabelSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {
    @TempDir Path root;

    @Test
    void writesConfigLabelsAndWeights() throws IOException {
        Path model = root.resolve("student");
        ModelDirectory.write(model, staging -> writeModel(staging, 3));

        assertEquals(3, ModelDirectory.readConfig(model).get("layers").getAsInt());
        assertEquals(LabelSet.of("neg", "pos"), ModelDirectory.readLabels(model));
        assertEquals(4, Files.size(model.resolve("weights.bin")));
        assertEquals(List.of("student"), entries(root));
    }

    @Test
    void aWriteFailingMidwayLeavesNoPartialFolder() throws IOException {
        Path model = root.resolve("student");
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                ModelDirectory.write(
                                        model,
                                        staging -> {
                                            staging.writeLabels(LabelSet.of("neg", "pos"));
                                            throw new IOException("disk full");
                                        }));

        assertEquals("cannot write " + model + ": disk full", e.getMessage());
        assertFalse(Files.exists(model));
        assertEquals(List.of(), entries(root));
    }

    @Test
    void aFailedReplacementKeepsThePreviousModel() throws IOException {
        Path model = root.resolve("student");
        ModelDirectory.write(model, staging -> writeModel(staging, 1));

        assertThrows(
                IllegalStateException.class,
                () ->
                        ModelDirectory.write(
                                model,
                                staging -> {
                                    writeModel(staging, 2);
                                    throw new IllegalStateException("killed");
                                }));

        assertEquals(1, ModelDirectory.readConfig(model).get("layers").getAsInt());
        assertEquals(List.of("student"), entries(root));
    }

    @Test
    void aSuccessfulReplacementSwapsTheWholeFolder() throws IOException {
        Path model = root.resolve("student");
        ModelDirectory.write(
                model,
                staging -> {
                    writeModel(staging, 1);
                    staging.writeString("stale.txt", "old");
                });
        ModelDirectory.write(model, staging -> writeModel(staging, 2));

        assertEquals(2, ModelDirectory.readConfig(model).get("layers").getAsInt());
        assertFalse(Files.exists(model.resolve("stale.txt")));
        assertEquals(List.of("student"), entries(root));
    }

    @Test
    void aWriteNeverDeletesWhatIsNotAModel() throws IOException {
        Path notes = Files.createDirectories(root.resolve("project"));
        Files.writeString(notes.resolve("notes.txt"), "mine");
        Path models = Files.createDirectories(root.resolve("models"));
        ModelDirectory.write(models.resolve("teacher-v1"), staging -> writeModel(staging, 1));
        Path file = Files.writeString(root.resolve("afile"), "data");

        for (Path target : List.of(notes, models, file)) {
            IOException e =
                    assertThrows(
                            IOException.class,
                            () -> ModelDirectory.write(target, staging -> writeModel(staging, 2)));
            assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        }
        assertEquals(
                "cannot write "
                        + notes
                        + ": the folder holds 'notes.txt', which this model does not write: saving"
                        + " would delete it; give a new or empty folder, or delete it first",
                assertThrows(
                                IOException.class,
                                () ->
                                        ModelDirectory.write(
                                                notes, staging -> writeModel(staging, 2)))
                        .getMessage());
        assertEquals("mine", Files.readString(notes.resolve("notes.txt")));
        assertEquals(
                1,
                ModelDirectory.readConfig(models.resolve("teacher-v1")).get("layers").getAsInt());
        assertEquals("data", Files.readString(file));
        assertEquals(List.of("afile", "models", "project"), entries(root));

        Path empty = Files.createDirectories(root.resolve("empty"));
        ModelDirectory.write(empty, staging -> writeModel(staging, 3));
        assertEquals(3, ModelDirectory.readConfig(empty).get("layers").getAsInt());
    }

    @Test
    void theNextWriteCleansUpAfterAKilledOne() throws IOException {
        Path model = root.resolve("student");
        ModelDirectory.write(model, staging -> writeModel(staging, 1));
        // killed while staging, and killed between moving the old model aside and the new in place
        Files.createDirectories(root.resolve(".student.staging-1234"));
        Path aside = root.resolve(".other.previous-5678");
        ModelDirectory.write(root.resolve("other"), staging -> writeModel(staging, 4));
        Files.move(root.resolve("other"), aside);

        ModelDirectory.write(model, staging -> writeModel(staging, 2));
        assertEquals(List.of(".other.previous-5678", "student"), entries(root));
        ModelDirectory.write(root.resolve("other"), staging -> writeModel(staging, 5));

        assertEquals(List.of("other", "student"), entries(root));
        assertEquals(2, ModelDirectory.readConfig(model).get("layers").getAsInt());
        assertEquals(5, ModelDirectory.readConfig(root.resolve("other")).get("layers").getAsInt());
    }

    @Test
    void readingAnIncompleteFolderNamesTheMissingFile() throws IOException {
        Path model = Files.createDirectory(root.resolve("broken"));
        IOException e = assertThrows(IOException.class, () -> ModelDirectory.readLabels(model));
        assertTrue(e.getMessage().contains("labels.json is missing"), e.getMessage());
    }

    @Test
    void readingAMissingFolderOrAFileSaysSo() throws IOException {
        Path missing = root.resolve("missing");
        IOException gone =
                assertThrows(IOException.class, () -> ModelDirectory.readConfig(missing));
        assertEquals("no model folder " + missing + ": it does not exist", gone.getMessage());
        Path file = Files.writeString(root.resolve("model.txt"), "not a folder");
        IOException notFolder =
                assertThrows(IOException.class, () -> ModelDirectory.readLabels(file));
        assertEquals(
                file + " is a file, not a model folder: give the folder that holds it",
                notFolder.getMessage());
    }

    @Test
    void atomicFileWriteFailureKeepsTheOldFile() throws IOException {
        Path file = root.resolve("checkpoint.bin");
        AtomicFiles.writeString(file, "old");
        assertThrows(
                IOException.class,
                () ->
                        AtomicFiles.write(
                                file,
                                out -> {
                                    out.write(1);
                                    throw new IOException("interrupted");
                                }));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("checkpoint.bin"), entries(root));
    }

    private static void writeModel(ModelDirectory.Staging staging, int layers) throws IOException {
        JsonObject config = new JsonObject();
        config.addProperty("layers", layers);
        staging.writeConfig(config);
        staging.writeLabels(LabelSet.of("neg", "pos"));
        Files.write(staging.resolve("weights.bin"), new byte[] {1, 2, 3, 4});
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void atomicWritesKeepTheUsualFilePermissions() throws IOException {
        Path file = root.resolve("report.json");
        AtomicFiles.writeString(file, "{}");
        Path plain = Files.writeString(root.resolve("plain.json"), "{}");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }
}

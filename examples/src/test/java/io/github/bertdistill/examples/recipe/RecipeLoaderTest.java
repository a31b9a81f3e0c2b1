package io.github.bertdistill.examples.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeLoaderTest {
    @TempDir Path folder;

    @Test
    void theDefaultRecipeIsTheEmbeddedFineFoodsRun() throws IOException {
        Recipe recipe = RecipeLoader.load(null, List.of());
        assertEquals("fine-foods", recipe.name);
        assertEquals("classpath:datasets/fine-foods/train.tsv", recipe.data.train);
        assertEquals("minilm-l6", recipe.teacher.preset);
        assertNull(recipe.data.dev);
    }

    @Test
    void overridesReachNestedKeysAndKeepTypes() throws IOException {
        Recipe recipe =
                RecipeLoader.load(
                        null,
                        List.of(
                                "teacher.maxLength=32",
                                "data.dev=/data/dev.tsv",
                                "student.distillMethod.temperature={\"from\": 2, \"to\": 1}"));
        assertEquals(32, recipe.teacher.maxLength);
        assertEquals("/data/dev.tsv", recipe.data.dev);
        assertEquals(
                2,
                recipe.student.distillMethod.getAsJsonObject("temperature").get("from").getAsInt());
    }

    @Test
    void aMisspeltKeyInAFileIsNamedWithTheFile() throws IOException {
        Path file = folder.resolve("recipe.json");
        Files.writeString(file, "{\"teacher\": {\"maxLenght\": 32}}");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> RecipeLoader.load(file, List.of()));
        assertTrue(
                e.getMessage().startsWith(file + ": unknown key 'Recipe.teacher.maxLenght'"),
                e.getMessage());
    }

    @Test
    void aMalformedOverrideSaysHowToWriteIt() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RecipeLoader.load(null, List.of("teacher.maxLength")));
        assertEquals("override 'teacher.maxLength' must look like key.path=value", e.getMessage());
    }

    @Test
    void aMissingRecipeFileIsReported() {
        Path missing = folder.resolve("nope.json");
        NoSuchFileException e =
                assertThrows(
                        NoSuchFileException.class, () -> RecipeLoader.load(missing, List.of()));
        assertEquals(missing.toString(), e.getFile());
    }
}

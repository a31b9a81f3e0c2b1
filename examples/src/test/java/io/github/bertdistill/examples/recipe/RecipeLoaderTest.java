package io.github.bertdistill.examples.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.distill.train.LearningRateSchedule;
import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.OptimizerKind;
import io.github.bertdistill.student.vocab.VocabularyKind;
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
    void theDefaultRunIsTheDefaultRecipe() throws IOException {
        Path empty = Files.writeString(folder.resolve("empty.json"), "{}");
        assertEquals(
                RecipeLoader.toJson(RecipeLoader.load(null, List.of())),
                RecipeLoader.toJson(RecipeLoader.load(empty, List.of())));
    }

    @Test
    void aPartlyWrittenSectionKeepsTheRecipesDefaultsNotItsClasss() throws IOException {
        Path file =
                Files.writeString(
                        folder.resolve("recipe.json"),
                        """
                        {"student": {"distillMethod": {"temperature": {"from": 2, "to": 2}},
                                     "training": {"epochs": 5}},
                         "teacher": {"method": {"learningRate": 3e-5}}}
                        """);
        Recipe recipe = RecipeLoader.load(file, List.of());
        MethodConfig distill = recipe.student.distillMethod;
        assertEquals(2f, distill.temperature().valueAt(0));
        assertEquals(0.1f, distill.alpha().valueAt(0));
        assertEquals(OptimizerKind.ADAM, distill.optimizer());
        assertEquals(5, recipe.student.training.epochs());
        assertEquals(3, recipe.student.training.patience());
        assertEquals(64, recipe.student.training.batchSize());
        assertEquals(3e-5f, recipe.teacher.method.learningRate());
        assertEquals(
                LearningRateSchedule.LINEAR_DECAY, recipe.teacher.method.learningRateSchedule());
        assertEquals(1f, recipe.teacher.method.clipNorm());
    }

    @Test
    void aRecordIsStillWrittenWhole() throws IOException {
        Path file =
                Files.writeString(
                        folder.resolve("recipe.json"),
                        "{\"student\": {\"distillMethod\": {\"alpha\": {\"from\": 0.5}}}}");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> RecipeLoader.load(file, List.of()));
        assertTrue(e.getMessage().contains("student.distillMethod.alpha"), e.getMessage());
    }

    @Test
    void overridesReachNestedKeysAndKeepTypes() throws IOException {
        Path dev = Files.writeString(folder.resolve("dev.tsv"), "review\tscore\n");
        Recipe recipe =
                RecipeLoader.load(
                        null,
                        List.of(
                                "teacher.maxLength=32",
                                "data.dev=" + dev,
                                "student.vocabulary=chinese-char",
                                "augmentation.minTokens=6",
                                "student.distillMethod.temperature={\"from\": 2, \"to\": 1}"));
        assertEquals(32, recipe.teacher.maxLength);
        assertEquals(dev.toString(), recipe.data.dev);
        assertEquals(VocabularyKind.CHINESE_CHAR, recipe.student.vocabulary);
        assertEquals(2, recipe.student.distillMethod.temperature().from());
        assertEquals(1, recipe.student.distillMethod.temperature().to());
        assertEquals(6, recipe.augmentation.toConfig(1).minTokens());
        assertEquals(6, recipe.augmentation.toUnlabelledConfig(1).minTokens());
    }

    /** The message of loading the default recipe with {@code overrides}, which must fail. */
    private static String refused(String... overrides) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> RecipeLoader.load(null, List.of(overrides)))
                .getMessage();
    }

    @Test
    void aKeyInTheWrongSectionIsRefusedNamingTheSectionItBelongsTo() {
        assertTrue(
                refused("evaluation.reportWith=onnx-runtime")
                        .startsWith(
                                "--set evaluation.reportWith=onnx-runtime: evaluation.reportWith:"
                                        + " unknown key (did you mean 'engine.reportWith'?)"));
    }

    @Test
    void aTypoAtEveryNestingLevelIsRefusedWithItsKeyPathBeforeAnyStage() {
        assertTrue(
                refused("nmae=x")
                        .startsWith("--set nmae=x: nmae: unknown key (did you mean 'name'?)"));
        assertTrue(
                refused("teacher.trainng.epochs=1")
                        .startsWith(
                                "--set teacher.trainng.epochs=1: teacher.trainng: unknown key"));
        assertTrue(
                refused("student.distillMethod.temprature=2")
                        .startsWith(
                                "--set student.distillMethod.temprature=2:"
                                        + " student.distillMethod.temprature: unknown key (did you"
                                        + " mean 'temperature'?)"));
        assertTrue(
                refused("student.distillMethod.temperature.form=2")
                        .startsWith(
                                "--set student.distillMethod.temperature.form=2:"
                                        + " student.distillMethod.temperature.form: unknown key"));
        assertTrue(
                refused("student.textcnn.filtrs=2")
                        .contains("student.textcnn.filtrs: unknown key"));
        assertTrue(
                refused("student.hardMethod.lr=2").contains("student.hardMethod.lr: unknown key"));
        assertTrue(refused("teacher.method.optimiser=ADAM").contains("teacher.method.optimiser"));
        assertTrue(refused("augmentation.copy=2").contains("augmentation.copy: unknown key"));
        assertTrue(refused("evaluation.round=2").contains("evaluation.round: unknown key"));
        assertTrue(refused("sweep.alpha=[1]").contains("sweep.alpha: unknown key"));
    }

    @Test
    void wrongTypesEnumsAndRangesNameTheKeyTheValueAndWhatIsExpected() {
        assertEquals(
                "--set student.distillMethod.temperature=-2: student.distillMethod.temperature:"
                        + " expected an object {\"from\": a number, \"to\": a number}, got -2",
                refused("student.distillMethod.temperature=-2"));
        assertEquals(
                "--set student.distillMethod.temperature.from=-2:"
                        + " student.distillMethod.temperature.from: must be > 0, got -2.0",
                refused("student.distillMethod.temperature.from=-2"));
        assertEquals(
                "--set student.training.batchSize=0: student.training.batchSize: must be >= 1, got"
                        + " 0",
                refused("student.training.batchSize=0"));
        assertEquals(
                "--set student.training.epochs=abc: student.training.epochs: expected a whole"
                        + " number, got \"abc\"",
                refused("student.training.epochs=abc"));
        assertEquals(
                "--set augmentation.copies=-1: augmentation.copies: must be >= 0, got -1",
                refused("augmentation.copies=-1"));
        assertEquals(
                "--set augmentation.unlabelledCopies=-2: augmentation.unlabelledCopies: must be >="
                        + " 0, got -2",
                refused("augmentation.unlabelledCopies=-2"));
        assertEquals(
                "--set augmentation.minTokens=-1: augmentation.minTokens: must be >= 0, got -1",
                refused("augmentation.minTokens=-1"));
        assertEquals(
                "--set student.vocabulary=words: student.vocabulary: expected one of WORDPIECE,"
                        + " WORD, CHINESE_CHAR, got \"words\"",
                refused("student.vocabulary=words"));
        assertEquals(
                "--set data.format=xml: data.format: expected one of tsv, csv, lines, jsonl, text,"
                        + " got \"xml\"",
                refused("data.format=xml"));
        assertEquals(
                "--set student.textcnn.kernelWidths=[3,0]: student.textcnn.kernelWidths[1]: must"
                        + " be >= 1, got 0",
                refused("student.textcnn.kernelWidths=[3,0]"));
        assertEquals(
                "--set sweep.role=student-hard: sweep.role: must be a distilled student"
                        + " (student-kd or student-kd-aug), got student-hard",
                refused("sweep.role=student-hard"));
        assertTrue(
                refused("teacher.preset=bert-huge")
                        .contains("teacher.preset: unknown BERT preset"));
        assertTrue(
                refused("student.training.seed=5")
                        .contains("student.training.seed: the run's seeds come from the recipe's"));
        assertTrue(
                refused("data.charset=UTF-9")
                        .contains("data.charset: 'UTF-9' is not a character set"));
    }

    @Test
    void missingDataFilesAndFoldersAreRefusedWhenTheRecipeIsRead() throws IOException {
        Path missing = folder.resolve("missing.tsv");
        assertEquals(
                "--set data.train=" + missing + ": data.train: file not found: " + missing,
                refused("data.train=" + missing));
        assertEquals(
                "--set data.test="
                        + folder
                        + ": data.test: data file "
                        + folder
                        + " is a folder, not a file: give the file itself",
                refused("data.test=" + folder));
        assertTrue(
                refused("teacher.checkpoint=" + missing)
                        .endsWith("teacher.checkpoint: folder not found: " + missing));
        assertEquals(
                "--set augmentation.source="
                        + missing
                        + ": augmentation.source: file not found: "
                        + missing,
                refused("augmentation.source=" + missing));
    }

    @Test
    void theTeachersEncoderIsCheckedWhenTheRecipeIsRead() throws IOException {
        assertTrue(
                refused("teacher.maxLength=513")
                        .endsWith(
                                "teacher.maxLength: must be at most the teacher's 512 positions,"
                                        + " got 513"));
        assertTrue(
                refused("teacher.pooling=pooler")
                        .endsWith(
                                "teacher.pooling: preset minilm-l6 has no pooler; use cls or"
                                        + " mean"));
        assertEquals(
                "bert-base-uncased",
                RecipeLoader.load(null, List.of("teacher.preset=bert-base-uncased")).teacher.preset,
                "a preset whose jar is absent is the fine-tuning's concern, not the recipe's");

        Path checkpoint = Files.createDirectories(folder.resolve("checkpoint"));
        Files.writeString(checkpoint.resolve("config.json"), "{\"max_position_embeddings\": 32}");
        Files.writeString(checkpoint.resolve("pytorch_model.bin"), "");
        String given = "teacher.checkpoint=" + checkpoint;
        assertTrue(
                refused(given)
                        .endsWith(
                                "teacher.checkpoint: "
                                        + checkpoint.resolve("model.safetensors")
                                        + " is missing; it has pytorch_model.bin, convert it to"
                                        + " safetensors first"));
        Files.writeString(checkpoint.resolve("model.safetensors"), "");
        assertTrue(refused(given).endsWith(": no tokenizer"), refused(given));
        Files.writeString(checkpoint.resolve("vocab.txt"), "[PAD]\n");
        assertTrue(
                refused(given, "teacher.maxLength=64")
                        .endsWith(
                                "teacher.maxLength: must be at most the teacher's 32 positions,"
                                        + " got 64"));
        assertEquals(
                32,
                RecipeLoader.load(null, List.of(given, "teacher.maxLength=32")).teacher.maxLength);
        Files.writeString(checkpoint.resolve("config.json"), "{\"hidden_size\": \"wide\"}");
        assertTrue(
                refused(given)
                        .endsWith(
                                "teacher.checkpoint: "
                                        + checkpoint.resolve("config.json")
                                        + ": config field hidden_size is not an integer:"
                                        + " \"wide\""),
                refused(given));
    }

    @Test
    void wordVectorsAreCheckedWhenTheRecipeIsRead() throws IOException {
        Path glove = Files.writeString(folder.resolve("glove.txt"), "good 1 2 3 4\nbad 4 3 2 1\n");
        Recipe recipe =
                RecipeLoader.load(
                        null,
                        List.of(
                                "student.embeddings=vectors",
                                "student.wordVectors=" + glove,
                                "student.textcnn={\"embeddingSize\": 4}"));
        assertEquals(InitialEmbeddings.WORD_VECTORS, recipe.student.embeddings);

        String narrow =
                refused(
                        "student.embeddings=vectors",
                        "student.wordVectors=" + glove,
                        "student.textcnn={\"embeddingSize\": 5}");
        assertTrue(
                narrow.endsWith(
                        "student.wordVectors: holds 4-wide vectors, narrower than"
                                + " textcnn.embeddingSize 5: set embeddingSize to 4 or less"),
                narrow);
        assertTrue(
                refused("student.embeddings=vectors")
                        .endsWith(
                                "student.wordVectors: must name a word-vector file when"
                                        + " embeddings is vectors"));
        Path missing = folder.resolve("missing.vec");
        assertTrue(
                refused("student.embeddings=vectors", "student.wordVectors=" + missing)
                        .endsWith("student.wordVectors: file not found: " + missing));
        Path notGzip = Files.writeString(folder.resolve("glove.txt.gz"), "good 1 2 3 4\n");
        String gzip = refused("student.embeddings=vectors", "student.wordVectors=" + notGzip);
        assertTrue(gzip.contains("student.wordVectors: " + notGzip + ": not a gzip file"), gzip);
        String negative = refused("student.wordVectorStd=-1");
        assertTrue(
                negative.endsWith(
                        "student.wordVectorStd: must be >= 0 (0 keeps the file's values), got"
                                + " -1.0"),
                negative);
        assertTrue(
                refused("student.wordVectors=" + glove)
                        .endsWith(
                                "student.wordVectors: is only read when embeddings is vectors:"
                                        + " remove it, or set embeddings to vectors"));
    }

    @Test
    void aResolvedRecipeReadsBackAsTheSameRecipe() throws IOException {
        Recipe recipe = RecipeLoader.load(null, List.of("student.textcnn.filtersPerWidth=7"));
        Path file = Files.writeString(folder.resolve("recipe.json"), RecipeLoader.toJson(recipe));
        assertEquals(
                RecipeLoader.toJson(recipe),
                RecipeLoader.toJson(RecipeLoader.load(file, List.of())));
        assertEquals(
                RecipeLoader.toJson(recipe), RecipeLoader.toJson(RecipeLoader.readResolved(file)));
        assertTrue(!RecipeLoader.toJson(recipe).contains("\"seed\": 42,\n      \"bucketBatches"));
    }

    @Test
    void aMisspeltKeyInAFileIsNamedWithTheFile() throws IOException {
        Path file = folder.resolve("recipe.json");
        Files.writeString(file, "{\"teacher\": {\"maxLenght\": 32}}");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> RecipeLoader.load(file, List.of()));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                file
                                        + ": teacher.maxLenght: unknown key (did you mean"
                                        + " 'maxLength'?)"),
                e.getMessage());
    }

    @Test
    void aMalformedOverrideSaysHowToWriteIt() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RecipeLoader.load(null, List.of("teacher.maxLength")));
        assertEquals("--set teacher.maxLength: must look like key.path=value", e.getMessage());
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

package io.github.bertdistill.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.examples.recipe.DataFormat;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDataTest {
    @TempDir Path folder;

    @Test
    void withoutUnlabelledTextTheUnlabelledSetIsEmpty() throws IOException {
        Recipe.Data spec = linesSpec();

        RunData data = RunData.read(spec, 1, folder.resolve("data"));
        TextDataset unlabelled = data.readUnlabelled(spec, folder.resolve("data"));

        assertEquals(3, data.train().size());
        assertEquals(0, unlabelled.size());
    }

    @Test
    void unlabelledTextLeavesOutEveryTextOfTrainDevAndTestAndRepeats() throws IOException {
        Recipe.Data spec = linesSpec();
        // Like SST-5's train split beside SST-2's: the same file name, the labelled sentences
        // again, and sentences of a class the labelled data lack.
        spec.unlabelled =
                write(
                        "other/train.txt",
                        "0 a dull film .",
                        "2 an ordinary film .",
                        "1 a film i saw on a tuesday .",
                        "2 an ordinary film .",
                        "3 the dev film .",
                        "4 the test film .");

        RunData data = RunData.read(spec, 1, folder.resolve("data"));
        TextDataset unlabelled = data.readUnlabelled(spec, folder.resolve("data"));

        List<TextExample> kept = unlabelled.examples();
        assertEquals(
                List.of("an ordinary film .", "a film i saw on a tuesday ."),
                kept.stream().map(TextExample::text).collect(Collectors.toList()));
        assertEquals(
                List.of("unlabelled/train.txt:2", "unlabelled/train.txt:3"),
                kept.stream().map(TextExample::id).collect(Collectors.toList()));
        kept.forEach(example -> assertFalse(example.isLabelled()));
        assertEquals(List.of("0", "1"), data.labels().names());
    }

    @Test
    void unlabelledTextLeavesOutNearDuplicatesOfTestAndOfEarlierTexts() throws IOException {
        Recipe.Data spec = linesSpec();
        spec.test = write("test.txt", "0 the test film is long enough to be copied .");
        // Like a scraped corpus beside the set it was scraped for: a test text with other spacing,
        // cut off, and with a footer; one repeat of its own; and a text of its own.
        spec.unlabelled =
                write(
                        "corpus.txt",
                        "0 The test film, is long enough to be copied!",
                        "0 the test film is long enough to",
                        "1 the test film is long enough to be copied . Copyright 2008 all rights",
                        "1 a new film nobody has seen , read by the teacher .",
                        "1 A new film nobody has seen: read by the teacher",
                        "0 the test film");

        RunData data = RunData.read(spec, 1, folder.resolve("data"));
        TextDataset unlabelled = data.readUnlabelled(spec, folder.resolve("data"));

        assertEquals(
                List.of("a new film nobody has seen , read by the teacher .", "the test film"),
                unlabelled.texts());
    }

    @Test
    void aTestTextStaysOutEvenWhenTrainHoldsACopyOfItWithAFooter() throws IOException {
        Recipe.Data spec = linesSpec();
        spec.train =
                write(
                        "train.txt",
                        "0 the test film is long enough to be copied . footer one",
                        "1 a fine film .");
        spec.test = write("test.txt", "0 the test film is long enough to be copied .");
        spec.unlabelled =
                write(
                        "corpus.txt",
                        "0 the test film is long enough to be copied , with another ending",
                        "1 a film of its own .");
        Recipe recipe = new Recipe();
        recipe.data = spec;
        recipe.augmentation.source = spec.unlabelled;

        RunData data = RunData.read(spec, 1, folder.resolve("data"));

        assertEquals(
                List.of("a film of its own ."),
                data.readUnlabelled(spec, folder.resolve("data")).texts());
        assertEquals(
                List.of("a film of its own ."),
                data.readAugmentationSource(recipe, folder.resolve("data")).orElseThrow().texts());
    }

    @Test
    void delimitedUnlabelledTextNeedsNoLabelColumn() throws IOException {
        Recipe.Data spec = new Recipe.Data();
        spec.format = DataFormat.TSV;
        spec.textColumn = "review";
        spec.labelColumn = "score";
        spec.train =
                write("train.tsv", "review\tscore", "good\tgreat", "bad\tother", "fine\tgreat");
        spec.test = write("test.tsv", "review\tscore", "tasty\tgreat", "stale\tother");
        spec.devFraction = 0.34;
        spec.unlabelled = write("more.tsv", "review", "crunchy", "good", "soggy");

        RunData data = RunData.read(spec, 1, folder.resolve("data"));
        TextDataset unlabelled = data.readUnlabelled(spec, folder.resolve("data"));

        assertEquals(
                List.of("crunchy", "soggy"),
                unlabelled.examples().stream().map(TextExample::text).collect(Collectors.toList()));
        assertTrue(unlabelled.examples().stream().noneMatch(TextExample::isLabelled));
    }

    @Test
    void plainTextLinesAreReadWithTheTextFormat() throws IOException {
        Recipe.Data spec = linesSpec();
        spec.unlabelled = write("more.txt", "0 the first token is text here .", "a fine film .");
        spec.unlabelledFormat = DataFormat.TEXT;

        RunData data = RunData.read(spec, 1, folder.resolve("data"));
        TextDataset unlabelled = data.readUnlabelled(spec, folder.resolve("data"));

        assertEquals(
                List.of(
                        TextExample.unlabelled(
                                "unlabelled/more.txt:1", "0 the first token is text here .")),
                unlabelled.examples());
    }

    @Test
    void theTextFormatIsRefusedForLabelledFiles() throws IOException {
        Recipe.Data spec = linesSpec();
        spec.format = DataFormat.TEXT;

        ConfigException error = assertThrows(ConfigException.class, spec::check);
        assertEquals(
                "format: 'text' has no labels: it is only for data.unlabelledFormat",
                error.getMessage());
    }

    @Test
    void theAugmentationSourceKeepsTrainsTextsAndLeavesOutDevTestAndRepeats() throws IOException {
        Recipe recipe = new Recipe();
        recipe.data = linesSpec();
        // Like SST-2's sentences beside its phrases: train's texts again, and longer ones.
        recipe.augmentation.source =
                write(
                        "sentences/train.txt",
                        "0 a dull film .",
                        "1 a fine film , and a good one .",
                        "1 a fine film , and a good one .",
                        "0 the dev film .",
                        "1 the test film .");

        RunData data = RunData.read(recipe.data, 1, folder.resolve("data"));
        TextDataset source =
                data.readAugmentationSource(recipe, folder.resolve("data")).orElseThrow();

        assertEquals(
                List.of(
                        TextExample.unlabelled("augmentation-source/train.txt:1", "a dull film ."),
                        TextExample.unlabelled(
                                "augmentation-source/train.txt:2",
                                "a fine film , and a good one .")),
                source.examples());
    }

    @Test
    void withoutAnAugmentationSourceThereIsNone() throws IOException {
        Recipe recipe = new Recipe();
        recipe.data = linesSpec();

        RunData data = RunData.read(recipe.data, 1, folder.resolve("data"));

        assertTrue(data.readAugmentationSource(recipe, folder.resolve("data")).isEmpty());
    }

    @Test
    void anEmptyFileIsRefusedByItsKeyBeforeAnyWork() throws IOException {
        for (String key : List.of("data.train", "data.dev", "data.test")) {
            Recipe.Data spec = linesSpec();
            Path emptyFile = folder.resolve("empty-" + key + ".txt");
            Files.writeString(emptyFile, "");
            String empty = emptyFile.toString();
            switch (key) {
                case "data.train" -> spec.train = empty;
                case "data.dev" -> spec.dev = empty;
                default -> spec.test = empty;
            }

            IllegalArgumentException refused =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> RunData.read(spec, 1, folder.resolve("data")));

            assertEquals(key + ": " + empty + " has no examples in it", refused.getMessage());
        }
    }

    @Test
    void aTrainingSetOfOneLabelIsRefused() throws IOException {
        Recipe.Data spec = linesSpec();
        spec.train = write("one.txt", "1 a fine film .", "1 a good film .");
        spec.dev = write("dev1.txt", "1 the dev film .");

        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RunData.read(spec, 1, folder.resolve("data")));

        assertEquals(
                "data.train: "
                        + spec.train
                        + " has one label only, '1': a classifier needs examples of two or more",
                refused.getMessage());
    }

    @Test
    void aLabelTrainDoesNotHaveIsNamedWithItsKeyAndFile() throws IOException {
        Recipe.Data spec = linesSpec();
        spec.test = write("test3.txt", "1 the test film .", "2 a third label .");

        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RunData.read(spec, 1, folder.resolve("data")));

        assertEquals(
                "data.test: "
                        + spec.test
                        + ": example 'test3.txt:2' has label '2', which data.train does not have"
                        + " (its labels: [0, 1]; labels are case-sensitive)",
                refused.getMessage());
    }

    private Recipe.Data linesSpec() throws IOException {
        Recipe.Data spec = new Recipe.Data();
        spec.format = DataFormat.LINES;
        spec.charset = "UTF-8";
        spec.train = write("train.txt", "0 a dull film .", "1 a fine film .", "1 a good film .");
        spec.dev = write("dev.txt", "0 the dev film .");
        spec.test = write("test.txt", "1 the test film .");
        return spec;
    }

    private String write(String name, String... rows) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        return file.toString();
    }
}

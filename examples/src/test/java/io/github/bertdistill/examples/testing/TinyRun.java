package io.github.bertdistill.examples.testing;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny fixtures for the examples' tests, written into a test's temporary folder: a randomly
 * initialised BERT teacher and TextCNN student (milliseconds to load and run), labelled TSV data,
 * and a recipe that fine-tunes and distils them in seconds.
 */
public final class TinyRun {
    /** The classes of the fixtures' data. */
    public static final LabelSet LABELS = LabelSet.of("great", "other");

    private static final List<String> GOOD = List.of("good", "great", "tasty", "fresh", "love");
    private static final List<String> BAD = List.of("bad", "awful", "bland", "stale", "hate");
    private static final List<String> VOCABULARY = vocabulary();
    private static final int MAX_LENGTH = 16;

    /** The teacher's hidden width. */
    public static final int HIDDEN_SIZE = 8;

    private TinyRun() {}

    /** Saves a random teacher for {@code labels} into {@code folder}; returns the folder. */
    public static Path teacher(Path folder, LabelSet labels) throws IOException {
        BertConfig config =
                BertConfig.builder()
                        .setVocabSize(VOCABULARY.size())
                        .setHiddenSize(HIDDEN_SIZE)
                        .setNumHiddenLayers(1)
                        .setNumAttentionHeads(2)
                        .setIntermediateSize(16)
                        .optMaxPositionEmbeddings(MAX_LENGTH)
                        .build();
        try (BertClassifier teacher =
                BertClassifier.create(
                        config,
                        BertTokenizer.fromVocabulary(VOCABULARY, true, MAX_LENGTH),
                        labels,
                        Pooling.CLS)) {
            teacher.save(folder);
        }
        return folder;
    }

    /** Saves a random student for {@code labels} into {@code folder}; returns the folder. */
    public static Path student(Path folder, LabelSet labels) throws IOException {
        return student(
                folder, labels, StudentVocabulary.wordBuilder().optMinFrequency(1).build(texts()));
    }

    /**
     * Saves a random student that reads the teacher's WordPiece vocabulary, as students that can be
     * exported do, into {@code folder}; returns the folder. It reads {@value #MAX_LENGTH} tokens.
     */
    public static Path wordPieceStudent(Path folder, LabelSet labels) throws IOException {
        Files.createDirectories(folder.getParent());
        Path vocab =
                Files.write(folder.resolveSibling(folder.getFileName() + "-vocab.txt"), VOCABULARY);
        return student(folder, labels, StudentVocabulary.wordPiece(vocab, true));
    }

    private static Path student(Path folder, LabelSet labels, StudentVocabulary vocabulary)
            throws IOException {
        try (TextCnnClassifier student =
                TextCnnClassifier.builder()
                        .setVocabulary(vocabulary)
                        .setLabels(labels)
                        .optConfig(
                                TextCnnConfig.builder()
                                        .optEmbeddingSize(8)
                                        .optKernelWidths(1, 2)
                                        .optFiltersPerWidth(4)
                                        .optMaxLength(MAX_LENGTH)
                                        .build())
                        .optSeed(7)
                        .build()) {
            student.save(folder);
        }
        return folder;
    }

    /** Writes {@code rows} labelled reviews as TSV ({@code text}, {@code label}); returns it. */
    public static Path data(Path file, int rows) throws IOException {
        StringBuilder tsv = new StringBuilder("text\tlabel\n");
        for (int i = 0; i < rows; i++) {
            List<String> words = i % 2 == 0 ? GOOD : BAD;
            tsv.append("the food was ")
                    .append(words.get(i % 5))
                    .append(' ')
                    .append(words.get((i / 2 + 1) % 5))
                    .append('\t')
                    .append(i % 2 == 0 ? "great" : "other")
                    .append('\n');
        }
        Files.writeString(file, tsv, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Writes data, a teacher checkpoint and a recipe that runs the whole pipeline on them in
     * seconds into {@code folder}; returns the recipe file.
     */
    public static Path recipe(Path folder) throws IOException {
        Path train = data(folder.resolve("train.tsv"), 24);
        Path test = data(folder.resolve("test.tsv"), 8);
        Path checkpoint = teacher(folder.resolve("pretrained"), LABELS);
        String textcnn =
                "{\"embeddingSize\": 8, \"kernelWidths\": [1, 2], \"filtersPerWidth\": 4,"
                        + " \"maxLength\": 16}";
        String recipe =
                String.join(
                        "\n",
                        "{",
                        "  \"name\": \"tiny\",",
                        "  \"seed\": 3,",
                        "  \"data\": {\"format\": \"tsv\", \"train\": " + quote(train) + ",",
                        "    \"test\": " + quote(test) + ", \"textColumn\": \"text\",",
                        "    \"labelColumn\": \"label\", \"devFraction\": 0.25},",
                        "  \"teacher\": {\"checkpoint\": " + quote(checkpoint) + ",",
                        "    \"pooling\": \"cls\", \"maxLength\": 16,",
                        "    \"training\": {\"epochs\": 1, \"batchSize\": 8},",
                        "    \"method\": {\"optimizer\": \"ADAM\", \"learningRate\": 1e-3}},",
                        "  \"augmentation\": {\"copies\": 1, \"neighbours\": 3},",
                        "  \"student\": {\"minFrequency\": 1, \"seeds\": 1,",
                        "    \"embeddings\": \"random\", \"textcnn\": " + textcnn + ",",
                        "    \"training\": {\"epochs\": 1, \"batchSize\": 8},",
                        "    \"hardMethod\": {\"optimizer\": \"ADAM\"},",
                        "    \"distillMethod\": {\"optimizer\": \"ADAM\", \"lossKind\": \"KL\"}},",
                        "  \"evaluation\": {\"warmupRounds\": 0, \"rounds\": 1, \"sentences\": 4}",
                        "}");
        Path file = folder.resolve("recipe.json");
        Files.writeString(file, recipe, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Command-line options for a recipe command: the tiny recipe written into {@code folder}, the
     * run folder {@code output} and a {@code --set} for each of {@code sets}.
     */
    public static String[] options(Path folder, Path output, String... sets) throws IOException {
        return optionsFor(recipe(folder), output, sets);
    }

    /** The same for the recipe file {@code recipe}. */
    public static String[] optionsFor(Path recipe, Path output, String... sets) {
        List<String> options =
                new ArrayList<>(
                        List.of("--recipe", recipe.toString(), "--output", output.toString()));
        for (String set : sets) {
            options.add("--set");
            options.add(set);
        }
        return options.toArray(String[]::new);
    }

    private static String quote(Path path) {
        return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\") + "\"";
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < GOOD.size(); i++) {
            texts.add("the food was " + GOOD.get(i) + " not " + BAD.get(i));
        }
        return texts;
    }

    private static List<String> vocabulary() {
        List<String> tokens =
                new ArrayList<>(
                        List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "food"));
        tokens.addAll(List.of("was", "not", "very"));
        tokens.addAll(GOOD);
        tokens.addAll(BAD);
        return tokens;
    }
}

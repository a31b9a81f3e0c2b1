package io.github.bertdistill.spark;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.distill.augment.SimpleTokenizer;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The spark module's test fixtures: a local Spark session, the embedded fine-foods training data,
 * and a tiny random BERT teacher whose vocabulary is fine-foods' most frequent words (so that its
 * logits and word replacements vary from text to text), and a tiny TextCNN student.
 */
final class SparkFixtures {
    static final LabelSet LABELS = LabelSet.of("great", "other");
    private static final int MAX_LENGTH = 48;
    private static final int WORDS = 1500;

    private SparkFixtures() {}

    /**
     * A Spark session of two task threads in which a failed task is tried up to twice ({@code
     * local[2,2]}: plain {@code local[2]} never retries a task).
     */
    static SparkSession session() {
        return SparkSession.builder()
                .master("local[2,2]")
                .appName("bert-distill spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
    }

    /**
     * Copies the embedded fine-foods training file ({@code score}, {@code review}) into {@code
     * folder}.
     */
    static Path fineFoodsTrain(Path folder) throws IOException {
        Path file = folder.resolve("train.tsv");
        try (InputStream in =
                SparkFixtures.class
                        .getClassLoader()
                        .getResourceAsStream("datasets/fine-foods/train.tsv")) {
            Files.copy(in, file);
        }
        return file;
    }

    /** Saves a random teacher over the most frequent words of {@code data} into {@code folder}. */
    static Path teacher(Path folder, Path data) throws IOException {
        List<String> vocabulary =
                new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"));
        vocabulary.addAll(frequentWords(data));
        BertConfig config =
                BertConfig.builder()
                        .setVocabSize(vocabulary.size())
                        .setHiddenSize(16)
                        .setNumHiddenLayers(1)
                        .setNumAttentionHeads(2)
                        .setIntermediateSize(32)
                        .optMaxPositionEmbeddings(MAX_LENGTH)
                        .build();
        try (BertClassifier teacher =
                BertClassifier.create(
                        config,
                        BertTokenizer.fromVocabulary(vocabulary, true, MAX_LENGTH),
                        LABELS,
                        Pooling.MEAN)) {
            teacher.save(folder);
        }
        return folder;
    }

    /** Saves a random student over the words of {@code texts} into {@code folder}. */
    static Path student(Path folder, List<String> texts) throws IOException {
        try (TextCnnClassifier student = newStudent(texts)) {
            student.save(folder);
        }
        return folder;
    }

    /** A random student over the words of {@code texts}, the same for the same texts. */
    static TextCnnClassifier newStudent(List<String> texts) {
        return TextCnnClassifier.builder()
                .setVocabulary(StudentVocabulary.wordBuilder().optMinFrequency(2).build(texts))
                .setLabels(LABELS)
                .optConfig(
                        TextCnnConfig.builder()
                                .optEmbeddingSize(16)
                                .optKernelWidths(1, 2)
                                .optFiltersPerWidth(8)
                                .optMaxLength(MAX_LENGTH)
                                .build())
                .optSeed(7)
                .build();
    }

    private static List<String> frequentWords(Path data) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(data, StandardCharsets.UTF_8)) {
            for (SimpleTokenizer.Token token : SimpleTokenizer.tokenize(line)) {
                String word = token.text().toLowerCase(Locale.ROOT);
                if (word.chars().allMatch(Character::isLetterOrDigit)) {
                    counts.merge(word, 1L, Long::sum);
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(WORDS)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }
}

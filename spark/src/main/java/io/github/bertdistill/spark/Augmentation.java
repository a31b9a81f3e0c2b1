package io.github.bertdistill.spark;

import io.github.bertdistill.core.config.StrictJson;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.distill.augment.Augmenter;
import io.github.bertdistill.distill.augment.SimpleTokenizer;
import io.github.bertdistill.examples.pipeline.TeacherWordEmbeddings;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A recipe's augmentation, made to run on executors: the settings travel as the recipe's JSON and
 * the word replacements as a table of each corpus word's nearest teacher words, searched once on
 * the driver ({@link TeacherWordEmbeddings#neighbourSearch}) for every distinct word of the corpus.
 * Each text's copies depend only on the settings, the seed, the table and the text's id and text
 * (see {@link Augmenter}), so a text gets the same copies on any executor, in any attempt, as in
 * {@code bert-distill label}.
 */
final class Augmentation implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(Augmentation.class);

    private final String settings;
    private final long seed;
    private final HashMap<String, List<String>> neighbours;
    private transient Augmenter augmenter;

    private Augmentation(String settings, long seed, HashMap<String, List<String>> neighbours) {
        this.settings = settings;
        this.seed = seed;
        this.neighbours = neighbours;
    }

    /**
     * The augmentation of {@code recipe} for {@code corpus}; when the recipe replaces words,
     * searches the neighbours of the corpus's words in the word embeddings of {@code teacher},
     * loaded from {@code teacherFolder}.
     *
     * @throws IllegalArgumentException if words are to be replaced and the teacher has no word
     *     embeddings
     */
    static Augmentation of(
            Recipe recipe, JavaRDD<CorpusText> corpus, TextClassifier teacher, Path teacherFolder)
            throws IOException {
        Recipe.Augmentation spec = recipe.augmentation;
        HashMap<String, List<String>> table = new HashMap<>();
        if (spec.copies > 0 && spec.replaceProbability > 0) {
            TeacherWordEmbeddings embeddings =
                    TeacherWordEmbeddings.find(teacher, teacherFolder)
                            .orElseThrow(() -> TeacherWordEmbeddings.missing(teacherFolder));
            List<String> words =
                    corpus.flatMap(
                                    text ->
                                            SimpleTokenizer.tokenize(text.text()).stream()
                                                    .map(SimpleTokenizer.Token::text)
                                                    .iterator())
                            .distinct()
                            .collect();
            LOG.info("augmentation: searching the nearest words of {} corpus words", words.size());
            embeddings
                    .neighbourSearch(spec.neighbours)
                    .neighboursOfAll(words)
                    .forEach(
                            (word, answers) -> {
                                if (!answers.isEmpty()) {
                                    table.put(word, new ArrayList<>(answers));
                                }
                            });
        }
        return new Augmentation(StrictJson.write(spec), recipe.seed, table);
    }

    /** The text followed by its augmented copies. */
    List<CorpusText> withCopies(CorpusText source) {
        List<CorpusText> texts = new ArrayList<>();
        texts.add(source);
        for (TextExample copy :
                augmenter().augment(TextExample.unlabelled(source.id(), source.text()))) {
            texts.add(new CorpusText(copy.id(), copy.text()));
        }
        return texts;
    }

    private Augmenter augmenter() {
        if (augmenter == null) {
            Map<String, List<String>> table = neighbours;
            augmenter =
                    new Augmenter(
                            StrictJson.read(settings, Recipe.Augmentation.class).toConfig(seed),
                            word -> table.getOrDefault(word, List.of()));
        }
        return augmenter;
    }
}

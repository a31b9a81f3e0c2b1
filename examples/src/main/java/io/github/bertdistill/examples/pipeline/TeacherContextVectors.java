package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.examples.recipe.InitialEmbeddings;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.student.init.WordVectors;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.context.ContextualTokenVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run folder's {@code teacher-context.vec}: the fine-tuned teacher's contextual token vectors
 * ({@link ContextualTokenVectors}) after layer {@code student.contextLayer} (the last by default)
 * for {@code student.embeddings = teacher-context}, pooled once per run folder before any student
 * is built, in the word2vec text format that {@link WordVectors} reads.
 *
 * <p>The texts: those of {@code augmentation.source} when the recipe has one (whole sentences,
 * which give each token its full context; SST-2's phrases are parts of them), else the training
 * set; distinct texts only, and a sample of {@value #MAX_TEXTS} drawn with the recipe's seed when
 * there are more. The recipe check removes the file when the teacher, the data or the source
 * changes.
 */
final class TeacherContextVectors {
    /** At most this many texts are pooled (~4 minutes of a 12-layer teacher on one core). */
    static final int MAX_TEXTS = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(TeacherContextVectors.class);

    private TeacherContextVectors() {}

    /** Pools and writes the file if the recipe asks for it and the run folder lacks it. */
    static void ensure(Recipe recipe, RunData data, RunFolder run) throws IOException {
        Path file = run.teacherContext();
        if (recipe.student.embeddings != InitialEmbeddings.TEACHER_CONTEXT || Files.exists(file)) {
            return;
        }
        List<String> texts = texts(recipe, data, run);
        try (EncodingClassifier loaded = ModelFolders.load(run.requireTeacher())) {
            if (!(loaded instanceof BertClassifier teacher)) {
                throw new IllegalArgumentException(
                        "student.embeddings = teacher-context needs a BERT teacher fine-tuned by"
                                + " bert-distill; the teacher in "
                                + run.teacher()
                                + " is an exported model: use student.embeddings = teacher");
            }
            int layers = teacher.config().numHiddenLayers();
            int layer = recipe.student.contextLayer == null ? layers : recipe.student.contextLayer;
            if (layer > layers) {
                throw new IllegalArgumentException(
                        "student.contextLayer: the teacher in "
                                + run.teacher()
                                + " has "
                                + layers
                                + " layers, so it must be in [0, "
                                + layers
                                + "], got "
                                + layer);
            }
            LOG.info(
                    "teacher-context: pooling the teacher's states after layer {} of {} over {}"
                            + " texts",
                    layer,
                    layers,
                    texts.size());
            ContextualTokenVectors.TokenVectors vectors =
                    ContextualTokenVectors.builder()
                            .setTeacher(teacher)
                            .optLayer(layer)
                            .build()
                            .pool(texts);
            AtomicFiles.write(
                    file,
                    out ->
                            WordVectors.write(
                                    out, vectors.tokens(), vectors.values(), vectors.dimension()));
            LOG.info(
                    "teacher-context: {} token vectors written to {}",
                    vectors.tokens().size(),
                    file);
        }
    }

    private static List<String> texts(Recipe recipe, RunData data, RunFolder run)
            throws IOException {
        Optional<TextDataset> source = data.readAugmentationSource(recipe, run.data());
        List<String> texts =
                new ArrayList<>(new LinkedHashSet<>(source.orElse(data.train()).texts()));
        if (texts.size() > MAX_TEXTS) {
            Collections.shuffle(texts, new Random(recipe.seed));
            texts = texts.subList(0, MAX_TEXTS);
        }
        return texts;
    }
}

package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.distill.augment.AugmentationConfig;
import io.github.bertdistill.distill.augment.Augmenter;
import io.github.bertdistill.distill.augment.CosineNeighbours;
import io.github.bertdistill.distill.augment.EmbeddingNeighbours;
import io.github.bertdistill.distill.augment.StoredNeighbours;
import io.github.bertdistill.distill.augment.TransferSet;
import io.github.bertdistill.distill.cache.LogitCacheWriter;
import io.github.bertdistill.distill.cache.MismatchPolicy;
import io.github.bertdistill.distill.cache.TeacherFeatureCache;
import io.github.bertdistill.distill.cache.TeacherFingerprint;
import io.github.bertdistill.distill.cache.TeacherLogitCache;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.distill.train.TeacherFeatures;
import io.github.bertdistill.examples.recipe.Recipe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2 of the recipe: build the transfer set (the training data and the recipe's unlabelled text,
 * each with Tang et al. augmented copies whose word replacements are nearest neighbours in the
 * teacher's word-embedding space) and let the fine-tuned teacher write its logits for all of it
 * into the cache, once. When the recipe matches features ({@code
 * student.distillMethod.featureWeight > 0}) the teacher also writes its pooled vector of every text
 * into {@code features/} (in the same forward passes as the logits).
 */
final class LabelStage {
    private static final Logger LOG = LoggerFactory.getLogger(LabelStage.class);

    private LabelStage() {}

    /**
     * The transfer set, the teacher's logits for it, the teacher's word embeddings, and how many
     * examples were labelled by this call (0 when the cache was complete or only opened).
     */
    record Labelled(
            TextDataset transferSet,
            SoftTargets softTargets,
            Optional<TeacherFeatures> teacherFeatures,
            Optional<TeacherWordEmbeddings> wordEmbeddings,
            Path teacherFolder,
            long labelledNow)
            implements Teaching {
        @Override
        public TeacherWordEmbeddings embeddings() {
            return wordEmbeddings.orElseThrow(() -> TeacherWordEmbeddings.missing(teacherFolder));
        }
    }

    /** Builds the transfer set and fills the cache (resuming a partial one). */
    static Labelled run(Recipe recipe, RunData data, RunFolder run) throws IOException {
        return withTeacher(recipe, data, run, true);
    }

    /** The transfer set and the cache of an earlier {@link #run}, which must exist. */
    static Labelled open(Recipe recipe, RunData data, RunFolder run) throws IOException {
        run.requireTeacher();
        run.requireLogits();
        return withTeacher(recipe, data, run, false);
    }

    private static Labelled withTeacher(Recipe recipe, RunData data, RunFolder run, boolean label)
            throws IOException {
        try (EncodingClassifier teacher = ModelFolders.load(run.requireTeacher())) {
            LabelMatch.requireSame(
                    run.teacher(), teacher.labels(), data.labels(), recipe.data.train);
            Optional<TeacherWordEmbeddings> embeddings =
                    TeacherWordEmbeddings.find(teacher, run.teacher());
            TeacherFingerprint.Builder fingerprint =
                    ModelFolders.fingerprint(run.teacher(), teacher);
            SoftTargetRuntime runtime = SoftTargetRuntime.of(teacher, recipe.engine.labelWith);
            TeacherFingerprint cacheFingerprint = runtime.cacheFingerprint(fingerprint);
            TextDataset unlabelled = data.readUnlabelled(recipe.data, run.data());
            Optional<TextDataset> source = data.readAugmentationSource(recipe, run.data());
            TextDataset transfer =
                    transferSet(
                            recipe,
                            data.train(),
                            unlabelled,
                            source,
                            embeddings,
                            fingerprint.build(),
                            run.teacher(),
                            run.neighbours());
            // Opened once: it tells whether labelling is needed and, if not, is what the students
            // read.
            Optional<TeacherLogitCache> cached =
                    TeacherLogitCache.openIfWrittenBy(
                            run.logits(), cacheFingerprint, teacher.labels().names());
            boolean complete = cached.isPresent() && cached.get().covers(transfer);
            boolean matchFeatures = recipe.student.distillMethod.featureWeight() > 0;
            Optional<TeacherFeatureCache> features =
                    matchFeatures
                            ? openFeatures(run, cacheFingerprint, teacher, transfer)
                            : Optional.empty();
            boolean featuresMissing = matchFeatures && features.isEmpty();
            long labelledNow = 0;
            if (label) {
                LOG.info(
                        "label: {} training + {} unlabelled + {} augmented examples",
                        data.train().size(),
                        unlabelled.size(),
                        transfer.size() - data.train().size() - unlabelled.size());
                if (complete && !featuresMissing) {
                    LOG.info("label: all {} examples are in the cache already", transfer.size());
                } else {
                    labelledNow =
                            fill(run, runtime, cacheFingerprint, teacher, transfer, matchFeatures);
                    if (featuresMissing) {
                        features = openFeatures(run, cacheFingerprint, teacher, transfer);
                    }
                }
            }
            if (matchFeatures && features.isEmpty()) {
                throw new MissingStageException(
                        "teacher feature vectors for the whole transfer set (the recipe sets"
                                + " student.distillMethod.featureWeight > 0)",
                        run.features(),
                        "label");
            }
            return new Labelled(
                    transfer,
                    complete
                            ? cached.get()
                            : TeacherLogitCache.open(run.logits(), cacheFingerprint),
                    features.map(TeacherFeatures.class::cast),
                    embeddings,
                    run.teacher(),
                    labelledNow);
        }
    }

    /** The feature cache if it holds a vector of {@code teacher}'s for every text of the set. */
    private static Optional<TeacherFeatureCache> openFeatures(
            RunFolder run,
            TeacherFingerprint cacheFingerprint,
            EncodingClassifier teacher,
            TextDataset transfer)
            throws IOException {
        int size =
                teacher instanceof FeatureClassifier withFeatures ? withFeatures.featureSize() : 0;
        if (size == 0) {
            throw new IllegalArgumentException(
                    "student.distillMethod.featureWeight > 0 matches the teacher's feature vectors,"
                            + " but the teacher in "
                            + run.teacher()
                            + " gives none; set it to 0");
        }
        return TeacherFeatureCache.openIfComplete(run.features(), cacheFingerprint, size, transfer);
    }

    /**
     * Lets the teacher write what the caches lack for {@code transfer} in one pass: its logits and,
     * with {@code features}, its feature vectors; returns how many texts it ran on. Only called
     * when something is missing: the runtime (an ONNX graph, a session and its check against the
     * teacher) is built for it.
     */
    private static long fill(
            RunFolder run,
            SoftTargetRuntime runtime,
            TeacherFingerprint cacheFingerprint,
            EncodingClassifier teacher,
            TextDataset transfer,
            boolean features)
            throws IOException {
        EncodingClassifier labeller = runtime.labeller(teacher, transfer.texts());
        try {
            LogitCacheWriter.Builder writer =
                    LogitCacheWriter.builder()
                            .setTeacher(labeller)
                            .setFingerprint(cacheFingerprint)
                            .setDirectory(run.logits())
                            // The run's recipe check guards what depends on the teacher, so a
                            // cache of another teacher or runtime is simply relabelled.
                            .optMismatchPolicy(MismatchPolicy.RECOMPUTE);
            if (features) {
                LOG.info(
                        "label: the teacher also writes its feature vectors into {}",
                        run.features());
                writer.optFeatureDirectory(run.features())
                        .optProgressName("teacher logits and features");
            }
            return writer.build().write(transfer).labelled();
        } finally {
            if (labeller != teacher) {
                labeller.close();
            }
        }
    }

    /**
     * The training set and the unlabelled text, each followed by its augmented copies. The
     * teacher's nearest words are searched once per run folder and kept in {@code neighbours} (see
     * {@link StoredNeighbours}).
     */
    private static TextDataset transferSet(
            Recipe recipe,
            TextDataset train,
            TextDataset unlabelled,
            Optional<TextDataset> source,
            Optional<TeacherWordEmbeddings> teacherEmbeddings,
            TeacherFingerprint teacher,
            Path teacherFolder,
            Path neighboursFile)
            throws IOException {
        Recipe.Augmentation spec = recipe.augmentation;
        TransferSet.Builder transfer =
                TransferSet.builder().setTrainingSet(train).optUnlabelled(unlabelled);
        source.ifPresent(transfer::optAugmentationSource);
        if (spec.copies == 0 && spec.unlabelledCopies() == 0) {
            // No copies, so no neighbour search: the transfer set is train and the unlabelled text.
            Augmenter none = new Augmenter(AugmentationConfig.builder().optCopies(0).build());
            return transfer.setAugmenter(none).optName(train.name()).build();
        }
        if (spec.replaceProbability == 0) {
            // Masking and n-gram sampling only: no neighbour search, no teacher embeddings needed.
            return withAugmenters(transfer, spec, recipe.seed, EmbeddingNeighbours.none());
        }
        TeacherWordEmbeddings embeddings =
                teacherEmbeddings.orElseThrow(() -> TeacherWordEmbeddings.missing(teacherFolder));
        CosineNeighbours search = embeddings.neighbourSearch(spec.neighbours);
        StoredNeighbours neighbours =
                StoredNeighbours.open(
                        neighboursFile,
                        "teacher "
                                + teacher.value()
                                + ", "
                                + spec.neighbours
                                + " cosine, lower case",
                        search);
        TextDataset built = withAugmenters(transfer, spec, recipe.seed, neighbours);
        neighbours.save();
        return built;
    }

    /**
     * {@code transfer} built with the recipe's augmenters: one for the training set and, when
     * {@code augmentation.unlabelledCopies} differs from {@code copies}, one of its own for the
     * unlabelled text (otherwise the same one, so their words are searched in one batch).
     */
    private static TextDataset withAugmenters(
            TransferSet.Builder transfer,
            Recipe.Augmentation spec,
            long seed,
            EmbeddingNeighbours neighbours) {
        Augmenter augmenter = new Augmenter(spec.toConfig(seed), neighbours);
        Augmenter ofUnlabelled =
                spec.unlabelledCopies() == spec.copies
                        ? augmenter
                        : new Augmenter(spec.toUnlabelledConfig(seed), neighbours);
        return transfer.setAugmenter(augmenter).optUnlabelledAugmenter(ofUnlabelled).build();
    }
}

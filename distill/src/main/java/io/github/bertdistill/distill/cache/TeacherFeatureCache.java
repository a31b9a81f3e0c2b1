package io.github.bertdistill.distill.cache;

import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.distill.train.TeacherFeatures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The teacher's feature vectors for a transfer set (core's {@link FeatureClassifier} features, for
 * representation distillation), kept in the logit cache's own format rather than a second one: a
 * row is a vector instead of logits, the cache's "labels" are the feature dimensions {@code h0 …
 * h(H−1)}, and the fingerprint is that of the logit cache of the same teacher and runtime with
 * {@code +features} appended. Everything the logit cache guarantees holds: chunks written
 * atomically, resumable labelling, lookups by id and text hash. It is written by a {@link
 * LogitCacheWriter} given {@link LogitCacheWriter.Builder#optFeatureDirectory}, in the same pass
 * over the transfer set as the logits.
 *
 * <p>Features take {@code H} floats per text where logits take {@code C}: 384 for bge-small, so
 * about 200 MB for 136,000 texts, read from disk one record per lookup.
 */
public final class TeacherFeatureCache implements TeacherFeatures {
    private static final String SUFFIX = "+features";

    private final TeacherLogitCache rows;

    private TeacherFeatureCache(TeacherLogitCache rows) {
        this.rows = rows;
    }

    /**
     * An appender for the features a teacher computed elsewhere (the executors of a distributed
     * labelling job), stamped like the caches {@link LogitCacheWriter} writes: add records whose
     * values are the vectors, e.g. {@link LogitsThenFeatures#features} of each row.
     *
     * @param logitFingerprint the fingerprint of the same teacher's logit cache
     * @param featureSize the width {@code H} of the vectors
     */
    public static LogitCacheAppender.Builder appender(
            Path directory, TeacherFingerprint logitFingerprint, int featureSize) {
        return LogitCacheAppender.builder()
                .setDirectory(directory)
                .setFingerprint(fingerprint(logitFingerprint))
                .setLabels(dimensions(featureSize));
    }

    /**
     * The cache in {@code directory} if the teacher of {@code logitFingerprint} wrote it, with
     * vectors of {@code featureSize} values, for every one of {@code examples}; empty otherwise.
     */
    public static Optional<TeacherFeatureCache> openIfComplete(
            Path directory,
            TeacherFingerprint logitFingerprint,
            int featureSize,
            Iterable<TextExample> examples)
            throws IOException {
        Optional<TeacherLogitCache> cache =
                TeacherLogitCache.openIfWrittenBy(
                        directory, fingerprint(logitFingerprint), dimensions(featureSize));
        return cache.filter(c -> c.covers(examples)).map(TeacherFeatureCache::new);
    }

    @Override
    public int featureSize() {
        return rows.labels().size();
    }

    @Override
    public Optional<float[]> featuresFor(String exampleId) {
        return rows.logitsFor(exampleId);
    }

    /** The fingerprint of the features of the teacher whose logit cache has {@code logits}. */
    static TeacherFingerprint fingerprint(TeacherFingerprint logits) {
        return TeacherFingerprint.of(logits.value() + SUFFIX);
    }

    /** The "labels" of a cache of vectors of {@code featureSize} values. */
    static List<String> dimensions(int featureSize) {
        return IntStream.range(0, featureSize).mapToObj(i -> "h" + i).toList();
    }
}

package io.github.bertdistill.eval.footprint;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.core.model.TrainableClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * How big a model is.
 *
 * @param parameters number of scalar parameters; empty when unknown
 * @param diskBytes total size of the model folder's files; empty when no folder was given
 * @param memory resident memory around loading and inference
 */
public record Footprint(OptionalLong parameters, OptionalLong diskBytes, MemoryUsage memory) {

    /**
     * The number of scalars in a {@link TrainableClassifier}'s block parameters, {@code Σ
     * shape.size()}; empty for other classifiers or an uninitialised block.
     */
    public static OptionalLong countParameters(TextClassifier classifier) {
        if (!(classifier instanceof TrainableClassifier)) {
            return OptionalLong.empty();
        }
        Block block = ((TrainableClassifier) classifier).block();
        long total = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (!parameter.getValue().isInitialized()) {
                return OptionalLong.empty();
            }
            total += parameter.getValue().getArray().size();
        }
        return OptionalLong.of(total);
    }

    /** Total size of the regular files under {@code folder} (or of the file itself), in bytes. */
    public static long bytesOnDisk(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(Footprint::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + folder, e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + file, e);
        }
    }
}

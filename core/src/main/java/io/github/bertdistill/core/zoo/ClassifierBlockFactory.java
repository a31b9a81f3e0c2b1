package io.github.bertdistill.core.zoo;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.model.TrainableClassifier;
import io.github.bertdistill.core.storage.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A DJL {@link BlockFactory} that loads a model folder with a module's own loader: the teacher's
 * and the student's modules each register one (as a {@code ServiceLoader} service of this class),
 * so that {@link ModelFolderRepositoryFactory} finds the factory for a folder by asking each
 * whether it {@link #recognises} it.
 *
 * <p>{@link #newBlock} loads the classifier, ties its lifetime to the DJL model (closing the {@code
 * ZooModel} closes it) and returns it as a {@link ClassifierBlock}. Subclasses need a public no-arg
 * constructor: DJL instantiates them by class name.
 */
public abstract class ClassifierBlockFactory implements BlockFactory {
    private static final long serialVersionUID = 1L;

    /** Whether {@code folder} is a model folder this factory loads (read only its small files). */
    public abstract boolean recognises(Path folder);

    /** Loads the classifier saved in {@code folder}. */
    protected abstract TrainableClassifier load(Path folder) throws IOException;

    /**
     * The {@code config.json} of {@code folder}, or empty if it has none or it is not a JSON object
     * (for {@link #recognises}).
     */
    protected static Optional<JsonObject> config(Path folder) {
        if (!Files.isRegularFile(folder.resolve(ModelDirectory.CONFIG_FILE))) {
            return Optional.empty();
        }
        try {
            return Optional.of(ModelDirectory.readConfig(folder));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments)
            throws IOException {
        TrainableClassifier classifier = load(modelPath);
        model.getNDManager().attachInternal(UUID.randomUUID().toString(), classifier);
        return new ClassifierBlock(classifier);
    }
}

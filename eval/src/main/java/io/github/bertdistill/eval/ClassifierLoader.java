package io.github.bertdistill.eval;

import io.github.bertdistill.core.model.TextClassifier;
import java.io.IOException;

/**
 * Loads a classifier when the {@link Evaluation} asks for it, so that the memory each model adds
 * can be measured while models are loaded one after another.
 */
@FunctionalInterface
public interface ClassifierLoader {
    /** Loads the model; the evaluation closes it when done. */
    TextClassifier load() throws IOException;
}

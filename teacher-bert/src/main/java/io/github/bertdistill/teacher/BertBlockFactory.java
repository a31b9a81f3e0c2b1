package io.github.bertdistill.teacher;

import io.github.bertdistill.core.model.TrainableClassifier;
import io.github.bertdistill.core.storage.ModelDirectory;
import io.github.bertdistill.core.zoo.ClassifierBlockFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a BERT teacher folder ({@link BertClassifier#save}) for DJL's model loader, so that {@code
 * Criteria.optModelPath(folder)} gives a {@code Predictor<String, Classifications>} (see core's
 * {@code io.github.bertdistill.core.zoo}). Recognises a folder by the {@code bert_distill} section
 * that {@link BertClassifier#save} adds to the Hugging Face {@code config.json}, and its {@code
 * labels.json}: a Hugging Face folder from elsewhere is left to DJL's own loading.
 */
public final class BertBlockFactory extends ClassifierBlockFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean recognises(Path folder) {
        return Files.isRegularFile(folder.resolve(ModelDirectory.LABELS_FILE))
                && config(folder)
                        .map(json -> json.has(BertClassifier.EXTRA) && json.has("architectures"))
                        .orElse(false);
    }

    @Override
    protected TrainableClassifier load(Path folder) throws IOException {
        return BertClassifier.load(folder);
    }
}

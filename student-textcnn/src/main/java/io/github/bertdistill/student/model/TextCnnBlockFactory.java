package io.github.bertdistill.student.model;

import com.google.gson.JsonElement;
import io.github.bertdistill.core.model.TrainableClassifier;
import io.github.bertdistill.core.zoo.ClassifierBlockFactory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads a TextCNN student folder ({@link TextCnnClassifier#save}) for DJL's model loader, so that
 * {@code Criteria.optModelPath(folder)} gives a {@code Predictor<String, Classifications>} (see
 * core's {@code io.github.bertdistill.core.zoo}). Recognises a folder by its {@code config.json}'s
 * {@code "format": "bert-distill/textcnn"}.
 */
public final class TextCnnBlockFactory extends ClassifierBlockFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean recognises(Path folder) {
        return config(folder)
                .map(json -> json.get("format"))
                .filter(JsonElement::isJsonPrimitive)
                .map(format -> TextCnnClassifier.FORMAT.equals(format.getAsString()))
                .orElse(false);
    }

    @Override
    protected TrainableClassifier load(Path folder) throws IOException {
        return TextCnnClassifier.load(folder);
    }
}

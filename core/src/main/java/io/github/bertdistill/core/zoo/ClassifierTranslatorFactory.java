package io.github.bertdistill.core.zoo;

import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.modality.nlp.translator.TextClassificationServingTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;

/**
 * The {@link TranslatorFactory} of bert-distill model folders: a {@link ClassifierTranslator} for
 * {@code String → Classifications}, wrapped in DJL's {@link TextClassificationServingTranslator}
 * for DJL Serving's {@code Input → Output}.
 *
 * <p>It reads the classifier from the model's block, which must be a {@link ClassifierBlock} (made
 * by a {@link ClassifierBlockFactory}).
 */
public final class ClassifierTranslatorFactory implements TranslatorFactory {
    private static final Set<Pair<Type, Type>> SUPPORTED =
            Set.of(
                    new Pair<>(String.class, Classifications.class),
                    new Pair<>(Input.class, Output.class));

    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return SUPPORTED;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(
            Class<I> input, Class<O> output, Model model, Map<String, ?> arguments)
            throws TranslateException {
        if (!isSupported(input, output)) {
            throw new IllegalArgumentException(
                    "unsupported types " + input.getName() + " → " + output.getName());
        }
        if (!(model.getBlock() instanceof ClassifierBlock block)) {
            throw new TranslateException(
                    "the model's block is not a bert-distill classifier: give the folder's"
                            + " blockFactory (see io.github.bertdistill.core.zoo)");
        }
        ClassifierTranslator translator = new ClassifierTranslator(block.classifier());
        if (input == Input.class) {
            return (Translator<I, O>)
                    new TextClassificationServingTranslator(translator.refusingBlankTexts());
        }
        return (Translator<I, O>) translator;
    }
}

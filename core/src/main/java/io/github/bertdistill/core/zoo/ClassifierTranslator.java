package io.github.bertdistill.core.zoo;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.EncodingClassifier;
import io.github.bertdistill.core.model.Prediction;
import java.util.ArrayList;
import java.util.List;

/**
 * Text in, {@link Classifications} out, for any {@link EncodingClassifier}: the translator behind a
 * {@code Predictor<String, Classifications>} of a bert-distill model folder.
 *
 * <p>A batch is encoded and padded by the classifier's own encoder ({@code encodeBatch}), the very
 * input the classifier builds for {@code logits(texts)}, and each row of logits becomes
 * probabilities at temperature 1 through {@link Prediction#fromLogits}. So {@code batchPredict}
 * gives the classifier's probabilities for the same texts in one batch, and {@code predict} those
 * of a batch of one. Classes are listed in label order (use {@code best()} or {@code topK()}).
 */
public final class ClassifierTranslator implements Translator<String, Classifications> {
    private final EncodingClassifier classifier;
    private final boolean refuseBlank;

    /** A translator for {@code classifier}'s encoder and labels. */
    public ClassifierTranslator(EncodingClassifier classifier) {
        this(classifier, false);
    }

    private ClassifierTranslator(EncodingClassifier classifier, boolean refuseBlank) {
        this.classifier = classifier;
        this.refuseBlank = refuseBlank;
    }

    /**
     * This translator, refusing an empty or blank text with a {@link TranslateException} instead of
     * classifying it, as {@code bert-distill serve} answers 400: the form behind DJL Serving's
     * {@code Input → Output}. A text of invisible characters only is not blank and is classified.
     */
    public ClassifierTranslator refusingBlankTexts() {
        return new ClassifierTranslator(classifier, true);
    }

    /**
     * One text, without the batch axis (as DJL's wrapping translators expect, which stack it): the
     * rows of a batch of one, padded to the encoder's shortest batch length.
     */
    @Override
    public NDList processInput(TranslatorContext ctx, String text) throws TranslateException {
        NDList batch = batchProcessInput(ctx, List.of(text));
        NDList row = new NDList(batch.size());
        for (NDArray array : batch) {
            row.add(array.squeeze(0));
        }
        return row;
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        return batchProcessOutput(ctx, list).get(0);
    }

    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<String> texts)
            throws TranslateException {
        if (refuseBlank) {
            for (String text : texts) {
                if (text.isBlank()) {
                    throw new TranslateException(
                            "the text is empty or blank: give at least one visible character");
                }
            }
        }
        return classifier.encoder().encodeBatch(texts).toNDList(ctx.getNDManager());
    }

    @Override
    public List<Classifications> batchProcessOutput(TranslatorContext ctx, NDList list) {
        LabelSet labels = classifier.labels();
        int classes = labels.size();
        float[] flat = list.head().toFloatArray();
        List<Classifications> out = new ArrayList<>(flat.length / classes);
        for (int start = 0; start < flat.length; start += classes) {
            float[] row = new float[classes];
            System.arraycopy(flat, start, row, 0, classes);
            float[] probabilities = Prediction.fromLogits(row, labels).probabilities();
            List<Double> values = new ArrayList<>(classes);
            for (float p : probabilities) {
                values.add((double) p);
            }
            out.add(new Classifications(labels.names(), values));
        }
        return out;
    }

    /**
     * Marks the translator as batching: DJL's {@code Predictor} then calls {@link
     * #batchProcessInput}, which pads with the classifier's encoder instead of stacking.
     */
    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}

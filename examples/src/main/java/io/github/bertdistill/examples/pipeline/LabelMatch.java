package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import java.nio.file.Path;

/**
 * Checks that a model and a data set speak about the same classes, before any work is done, with
 * one message naming both label sets.
 */
public final class LabelMatch {
    private LabelMatch() {}

    /**
     * Every label of {@code data} must be one of the model's (a test set may lack a class).
     *
     * @throws IllegalArgumentException naming both label sets
     */
    public static void requireCovers(Path model, LabelSet modelLabels, TextDataset data) {
        LabelSet dataLabels = data.inferLabelSet();
        if (!modelLabels.names().containsAll(dataLabels.names())) {
            throw mismatch(model, modelLabels, dataLabels, data.name());
        }
    }

    /**
     * The model's classes must be the data's, in the same order: a teacher's logit columns must
     * line up with the student's classes.
     *
     * @throws IllegalArgumentException naming both label sets
     */
    static void requireSame(Path model, LabelSet modelLabels, LabelSet dataLabels, String data) {
        if (!modelLabels.equals(dataLabels)) {
            throw mismatch(model, modelLabels, dataLabels, data);
        }
    }

    private static IllegalArgumentException mismatch(
            Path model, LabelSet modelLabels, LabelSet dataLabels, String data) {
        return new IllegalArgumentException(
                "the model "
                        + model
                        + " has labels "
                        + modelLabels.names()
                        + " but the data "
                        + data
                        + " has labels "
                        + dataLabels.names()
                        + ": use a model trained on these labels, or data labelled like the model");
    }
}

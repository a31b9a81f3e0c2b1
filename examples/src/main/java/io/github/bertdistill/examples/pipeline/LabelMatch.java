package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
        List<String> known = modelLabels.names();
        Optional<TextExample> first = data.firstLabelledOutside(modelLabels);
        if (first.isEmpty()) {
            return;
        }
        List<String> unknown =
                data.inferLabelSet().names().stream()
                        .filter(label -> !known.contains(label))
                        .toList();
        boolean caseOnly =
                unknown.stream()
                        .anyMatch(label -> known.stream().anyMatch(label::equalsIgnoreCase));
        throw new IllegalArgumentException(
                "the data "
                        + data.name()
                        + " has labels the model "
                        + model
                        + " does not know: "
                        + unknown
                        + " (first at "
                        + first.get().id()
                        + "); the model knows "
                        + known
                        + (caseOnly ? " (labels are case-sensitive)" : "")
                        + ": use a model trained on these labels, or data labelled like the model");
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

package io.github.bertdistill.distill.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.model.TrainableClassifier;
import io.github.bertdistill.distill.loss.DistillationLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns training examples into a step's arrays: the encoder's input for the student, and the {@link
 * DistillationLabels} with the gold label (if any) and the teacher logits looked up by example id,
 * and the teacher features when the method matches them.
 */
final class BatchAssembler {
    private final TrainableClassifier classifier;
    private final SoftTargets softTargets;
    private final TeacherFeatures features;
    private final LabelSet labels;

    /**
     * @param features the teacher features to put in every batch, or {@code null} for none
     * @throws IllegalArgumentException if the soft targets' label order is not the classifier's
     */
    BatchAssembler(
            TrainableClassifier classifier, SoftTargets softTargets, TeacherFeatures features) {
        this.classifier = classifier;
        this.softTargets = softTargets;
        this.features = features;
        this.labels = classifier.labels();
        softTargets
                .labelOrder()
                .filter(order -> !order.equals(labels))
                .ifPresent(
                        order -> {
                            throw new IllegalArgumentException(
                                    "the teacher logits follow the labels "
                                            + order.names()
                                            + ", but the classifier's labels are "
                                            + labels.names()
                                            + ": build the classifier with the teacher's label set,"
                                            + " in its order");
                        });
    }

    /** A batch: the model input and the loss labels, attached to a step-scoped manager. */
    record Batch(NDList inputs, NDList labels, int size) {}

    /**
     * How many training examples have teacher logits.
     *
     * @param labelled examples with a gold label
     * @param labelledWithLogits of those, the ones with teacher logits too
     * @param withLogits examples with teacher logits, labelled or not
     */
    record Coverage(int labelled, int labelledWithLogits, int withLogits) {}

    /**
     * Checks, before training starts, that every example can teach something: it has a gold label
     * in the label set or teacher logits of the right width, written for its text.
     *
     * @return how many examples have teacher logits
     * @throws IllegalArgumentException naming the first example that cannot
     */
    Coverage checkCoverage(List<TextExample> examples) {
        int labelled = 0;
        int labelledWithLogits = 0;
        int withLogits = 0;
        for (TextExample example : examples) {
            Optional<float[]> teacher = teacherLogits(example);
            labelled += example.isLabelled() ? 1 : 0;
            labelledWithLogits += example.isLabelled() && teacher.isPresent() ? 1 : 0;
            withLogits += teacher.isPresent() ? 1 : 0;
            if (!example.isLabelled() && teacher.isEmpty()) {
                throw new IllegalArgumentException(
                        "example '"
                                + example.id()
                                + "' has neither a gold label nor teacher logits: it would teach"
                                + " nothing");
            }
            if (features != null && features.featuresFor(example.id()).isEmpty()) {
                throw new IllegalArgumentException(
                        "example '"
                                + example.id()
                                + "' has no teacher features; let the teacher write them for"
                                + " every training example, or set featureWeight to 0");
            }
            example.label().ifPresent(labels::indexOf);
        }
        return new Coverage(labelled, labelledWithLogits, withLogits);
    }

    /** Encodes {@code examples} into arrays attached to {@code manager}. */
    Batch assemble(List<TextExample> examples, NDManager manager) {
        long[] hard = new long[examples.size()];
        float[][] teacher = new float[examples.size()][];
        List<String> texts = new ArrayList<>(examples.size());
        for (int i = 0; i < hard.length; i++) {
            TextExample example = examples.get(i);
            texts.add(example.text());
            hard[i] =
                    example.label().map(labels::indexOf).orElse((int) DistillationLabels.NO_LABEL);
            teacher[i] = teacherLogits(example).orElse(null);
        }
        NDList inputs = classifier.encoder().encodeBatch(texts).toNDList(manager);
        NDList lossLabels = DistillationLabels.create(manager, hard, teacher, labels.size());
        if (features != null) {
            float[][] rows = new float[examples.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = features.featuresFor(examples.get(i).id()).orElse(null);
            }
            lossLabels =
                    DistillationLabels.withFeatures(
                            manager, lossLabels, rows, features.featureSize());
        }
        return new Batch(inputs, lossLabels, hard.length);
    }

    private Optional<float[]> teacherLogits(TextExample example) {
        Optional<float[]> logits = softTargets.logitsFor(example);
        logits.ifPresent(
                row -> {
                    if (row.length != labels.size()) {
                        throw new IllegalArgumentException(
                                "teacher logits of example '"
                                        + example.id()
                                        + "' have "
                                        + row.length
                                        + " values, but the label set "
                                        + labels.names()
                                        + " has "
                                        + labels.size());
                    }
                });
        return logits;
    }
}

package io.github.bertdistill.distill.loss;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The label list every loss of this package reads: {@code [hardLabels, teacherLogits, hasTeacher]},
 * and for representation distillation ({@link #withFeatures}) also {@code [teacherFeatures,
 * hasFeatures]}.
 *
 * <ul>
 *   <li>{@code hardLabels}: int64 {@code [B]}, the gold class index, or {@link #NO_LABEL} for an
 *       unlabelled example;
 *   <li>{@code teacherLogits}: float32 {@code [B, C]}, the teacher's raw logits {@code z_t} (zeros
 *       where the example has none);
 *   <li>{@code hasTeacher}: float32 {@code [B]}, 1 where the row of {@code teacherLogits} is real,
 *       0 otherwise;
 *   <li>{@code teacherFeatures}: float32 {@code [B, H]}, the teacher's feature vectors (zeros where
 *       the example has none), and {@code hasFeatures}, float32 {@code [B]}, 1 where they are real.
 * </ul>
 */
public final class DistillationLabels {
    /** Index of the hard labels in the list. */
    public static final int HARD_LABELS = 0;

    /** Index of the teacher logits in the list. */
    public static final int TEACHER_LOGITS = 1;

    /** Index of the teacher mask in the list. */
    public static final int HAS_TEACHER = 2;

    /** Index of the teacher features in the list. */
    public static final int TEACHER_FEATURES = 3;

    /** Index of the feature mask in the list. */
    public static final int HAS_FEATURES = 4;

    /** The hard label of an unlabelled example. */
    public static final long NO_LABEL = -1;

    private DistillationLabels() {}

    /**
     * Builds the label list.
     *
     * @param hardLabels one class index per example, or {@link #NO_LABEL}
     * @param teacherLogits one row of {@code classes} logits per example, or {@code null} where the
     *     example has no teacher logits
     * @param classes the number of classes {@code C}
     */
    public static NDList create(
            NDManager manager, long[] hardLabels, float[][] teacherLogits, int classes) {
        int size = hardLabels.length;
        checkArgument(
                teacherLogits.length == size,
                "%s hard labels but %s teacher rows",
                size,
                teacherLogits.length);
        float[] logits = new float[size * classes];
        float[] hasTeacher = new float[size];
        for (int i = 0; i < size; i++) {
            checkArgument(
                    hardLabels[i] >= NO_LABEL && hardLabels[i] < classes,
                    "hard label %s out of range for %s classes",
                    hardLabels[i],
                    classes);
            if (teacherLogits[i] != null) {
                checkArgument(
                        teacherLogits[i].length == classes,
                        "teacher logits of example %s have %s values, expected %s",
                        i,
                        teacherLogits[i].length,
                        classes);
                System.arraycopy(teacherLogits[i], 0, logits, i * classes, classes);
                hasTeacher[i] = 1;
            }
        }
        return new NDList(
                manager.create(hardLabels, new Shape(size)),
                manager.create(logits, new Shape(size, classes)),
                manager.create(hasTeacher, new Shape(size)));
    }

    /**
     * {@code labels} (made by {@link #create}) followed by the teacher features.
     *
     * @param features one row of {@code width} values per example, or {@code null} where the
     *     example has none
     */
    public static NDList withFeatures(
            NDManager manager, NDList labels, float[][] features, int width) {
        int size = Math.toIntExact(labels.get(HARD_LABELS).size());
        checkArgument(
                features.length == size, "%s examples but %s feature rows", size, features.length);
        float[] values = new float[size * width];
        float[] hasFeatures = new float[size];
        for (int i = 0; i < size; i++) {
            if (features[i] != null) {
                checkArgument(
                        features[i].length == width,
                        "teacher features of example %s have %s values, expected %s",
                        i,
                        features[i].length,
                        width);
                System.arraycopy(features[i], 0, values, i * width, width);
                hasFeatures[i] = 1;
            }
        }
        NDList all = new NDList(labels);
        all.add(manager.create(values, new Shape(size, width)));
        all.add(manager.create(hasFeatures, new Shape(size)));
        return all;
    }

    /** The teacher features {@code h_t}, float32 {@code [B, H]}. */
    public static NDArray teacherFeatures(NDList labels) {
        return labels.get(TEACHER_FEATURES);
    }

    /** 1 for examples with teacher features, 0 otherwise; float32 {@code [B]}. */
    public static NDArray featureMask(NDList labels) {
        return labels.get(HAS_FEATURES);
    }

    /** 1 for labelled examples, 0 for unlabelled ones; float32 {@code [B]}. */
    public static NDArray labelledMask(NDList labels) {
        return labels.get(HARD_LABELS).gte(0).toType(DataType.FLOAT32, false);
    }

    /** 1 for examples with teacher logits, 0 otherwise; float32 {@code [B]}. */
    public static NDArray teacherMask(NDList labels) {
        return labels.get(HAS_TEACHER);
    }

    /** The teacher logits {@code z_t}, float32 {@code [B, C]}. */
    public static NDArray teacherLogits(NDList labels) {
        return labels.get(TEACHER_LOGITS);
    }

    /** The gold labels as one-hot rows, float32 {@code [B, C]}; all zero for unlabelled rows. */
    public static NDArray oneHotLabels(NDList labels, int classes) {
        NDArray hard = labels.get(HARD_LABELS);
        return hard.maximum(0)
                .oneHot(classes)
                .toType(DataType.FLOAT32, false)
                .mul(labelledMask(labels).expandDims(1));
    }
}

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
        for (long label : hardLabels) {
            checkArgument(
                    label >= NO_LABEL && label < classes,
                    "hard label %s out of range for %s classes",
                    label,
                    classes);
        }
        NDList labels = new NDList(manager.create(hardLabels, new Shape(size)));
        labels.addAll(optionalRows(manager, teacherLogits, classes, "teacher logits"));
        return labels;
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
        NDList all = new NDList(labels);
        all.addAll(optionalRows(manager, features, width, "teacher features"));
        return all;
    }

    /**
     * {@code rows} as {@code [values [n, width], present [n]]}: a row that is null is zeros with
     * {@code present = 0}.
     */
    private static NDList optionalRows(NDManager manager, float[][] rows, int width, String what) {
        float[] values = new float[rows.length * width];
        float[] present = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] != null) {
                checkArgument(
                        rows[i].length == width,
                        "%s of example %s have %s values, expected %s",
                        what,
                        i,
                        rows[i].length,
                        width);
                System.arraycopy(rows[i], 0, values, i * width, width);
                present[i] = 1;
            }
        }
        return new NDList(
                manager.create(values, new Shape(rows.length, width)),
                manager.create(present, new Shape(rows.length)));
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

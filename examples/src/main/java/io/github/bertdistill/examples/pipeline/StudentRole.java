package io.github.bertdistill.examples.pipeline;

import com.google.gson.annotations.SerializedName;
import io.github.bertdistill.eval.report.Roles;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The three students every recipe trains, so the report can separate what distillation and
 * augmentation each add.
 */
public enum StudentRole {
    /** Trained on the gold labels only: the undistilled baseline. */
    @SerializedName(Roles.STUDENT_HARD)
    HARD(Roles.STUDENT_HARD),
    /** Distilled on the training data's soft targets, without augmentation. */
    @SerializedName(Roles.STUDENT_KD)
    KD(Roles.STUDENT_KD),
    /**
     * Distilled on the whole transfer set: the training data and the recipe's unlabelled text, with
     * their augmented copies.
     */
    @SerializedName(Roles.STUDENT_KD_AUG)
    KD_AUG(Roles.STUDENT_KD_AUG);

    private final String id;

    StudentRole(String id) {
        this.id = id;
    }

    /**
     * The role written as {@code student-hard}, {@code student-kd} or {@code student-kd-aug}.
     *
     * @throws IllegalArgumentException naming the valid ids
     */
    public static StudentRole fromId(String id) {
        return Arrays.stream(values())
                .filter(role -> role.id.equals(id))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown student role '"
                                                + id
                                                + "': use one of "
                                                + Arrays.stream(values())
                                                        .map(StudentRole::id)
                                                        .collect(Collectors.joining(", "))));
    }

    /** The role as written in reports and folder names. */
    public String id() {
        return id;
    }

    /** Whether this student learns from the teacher's logits. */
    public boolean distilled() {
        return this != HARD;
    }
}

package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.eval.report.Roles;

/**
 * The three students every recipe trains, so the report can separate what distillation and
 * augmentation each add.
 */
enum StudentRole {
    /** Trained on the gold labels only: the undistilled baseline. */
    HARD(Roles.STUDENT_HARD),
    /** Distilled on the training data's soft targets, without augmentation. */
    KD(Roles.STUDENT_KD),
    /** Distilled on the whole transfer set: training data plus augmented text. */
    KD_AUG(Roles.STUDENT_KD_AUG);

    private final String id;

    StudentRole(String id) {
        this.id = id;
    }

    /** The role as written in reports and folder names. */
    String id() {
        return id;
    }

    /** Whether this student learns from the teacher's logits. */
    boolean distilled() {
        return this != HARD;
    }
}

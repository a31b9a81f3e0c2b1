package io.github.bertdistill.eval.report;

/**
 * The role words the report knows. A model may have any other word as its role; only {@link
 * #TEACHER} (the reference of every ratio) and the student roles (which pick the McNemar pairs)
 * change what is computed.
 */
public final class Roles {
    /** The reference model; every ratio is taken against it. */
    public static final String TEACHER = "teacher";

    /** A student trained on gold labels only: the undistilled baseline. */
    public static final String STUDENT_HARD = "student-hard";

    /** A student distilled from the teacher. */
    public static final String STUDENT_KD = "student-kd";

    /** A student distilled from the teacher on an augmented transfer set. */
    public static final String STUDENT_KD_AUG = "student-kd-aug";

    private Roles() {}

    /** Whether {@code role} is a distilled student ({@code student-kd}, {@code student-kd-aug}). */
    public static boolean isDistilled(String role) {
        return STUDENT_KD.equals(role) || STUDENT_KD_AUG.equals(role);
    }
}

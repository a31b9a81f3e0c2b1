package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.examples.recipe.Recipe;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One training of a student role with one seed. A recipe trains every role {@code student.seeds}
 * times, with the seeds {@code s, s + 1, …, s + n − 1}, where {@code s} is the recipe's seed. The
 * seed draws everything random in a student's training: its initial weights, the projection of the
 * teacher's embeddings, the batch order and the dropout masks.
 *
 * <p>The first seed's student is the role's <em>main</em> student, in {@code students/ROLE}: the
 * one the report measures in full and {@code predict} serves. The others live in {@code
 * students/ROLE-seedN} and are evaluated for test accuracy only, so the report can give each role's
 * mean and standard deviation across seeds.
 *
 * @param role the student role
 * @param seed the seed of this training
 * @param main whether this is the role's main student (the first seed)
 */
record StudentSeed(StudentRole role, long seed, boolean main) {

    /** Every training of {@code role} that {@code recipe} asks for, the main student first. */
    static List<StudentSeed> of(Recipe recipe, StudentRole role) {
        long first = recipe.seed;
        List<StudentSeed> seeds = new ArrayList<>();
        for (int i = 0; i < recipe.student.seeds; i++) {
            seeds.add(new StudentSeed(role, first + i, i == 0));
        }
        return seeds;
    }

    /**
     * The trainings of {@code role}: all of them, or only the one with {@code only}.
     *
     * @throws IllegalArgumentException if {@code only} is not one of the recipe's student seeds
     */
    static List<StudentSeed> of(Recipe recipe, StudentRole role, OptionalLong only) {
        List<StudentSeed> all = of(recipe, role);
        if (only.isEmpty()) {
            return all;
        }
        return all.stream()
                .filter(student -> student.seed() == only.getAsLong())
                .findFirst()
                .map(List::of)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "--seed "
                                                + only.getAsLong()
                                                + " is not one of the recipe's student seeds "
                                                + all.stream().map(StudentSeed::seed).toList()
                                                + " (student.seeds = "
                                                + recipe.student.seeds
                                                + ")"));
    }

    /**
     * The trainings of each of {@code roles} in turn, as {@link #of(Recipe, StudentRole,
     * OptionalLong)}.
     */
    static List<StudentSeed> of(Recipe recipe, List<StudentRole> roles, OptionalLong only) {
        List<StudentSeed> students = new ArrayList<>();
        for (StudentRole role : roles) {
            students.addAll(of(recipe, role, only));
        }
        return students;
    }

    /** The role's main student, trained with the first seed. */
    static StudentSeed main(Recipe recipe, StudentRole role) {
        return new StudentSeed(role, recipe.seed, true);
    }

    /** The name of its folders: the role's id, with the seed appended unless it is the main one. */
    String id() {
        return main ? role.id() : role.id() + "-seed" + seed;
    }
}

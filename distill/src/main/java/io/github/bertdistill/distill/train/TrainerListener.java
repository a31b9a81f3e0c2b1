package io.github.bertdistill.distill.train;

/**
 * Hooks into a run, in the manner of DJL's {@code TrainerListener}: logging, progress display, test
 * instrumentation. Every method has an empty default. A listener that throws stops the run; its
 * last checkpoint stays valid for resuming.
 */
public interface TrainerListener {

    /** Before the first step; {@code step > 0} when the run resumes from a checkpoint. */
    default void onStart(long step, long totalSteps) {}

    /** After every optimisation step. */
    default void onStep(StepMetrics metrics) {}

    /** After every validation on the dev set. */
    default void onValidation(ValidationMetrics metrics) {}

    /** At the end of every epoch. */
    default void onEpochEnd(EpochMetrics metrics) {}

    /** When the run ends normally or stops early. */
    default void onEnd(TrainerResult result) {}
}

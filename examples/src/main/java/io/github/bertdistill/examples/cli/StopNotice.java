package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.engine.NativeWork;
import java.io.PrintStream;

/**
 * The line the command line prints when SIGTERM or Ctrl-C stops a command. The JVM then runs its
 * shutdown hooks and exits (status 143 or 130) without waiting for the command, whose own error
 * handling would come too late to say anything; so a hook says, as the stop begins, what the stop
 * waits for ({@link NativeWork}) and what it keeps. A command with more to say of what it keeps (a
 * recipe command: its run folder resumes) {@linkplain #onStop says so}; one that reports its own
 * stop ({@code serve}) {@linkplain #quiet silences} it.
 */
final class StopNotice {
    static final String PREFIX = "bert-distill: stopping (SIGTERM or Ctrl-C): ";

    private static final String IN_FLIGHT =
            "the training step or inference batch in flight ends first (at most "
                    + NativeWork.GRACE.toSeconds()
                    + " s); ";

    private static volatile String notice = IN_FLIGHT + "files already written are kept";
    private static volatile boolean finished;

    private StopNotice() {}

    /** Installs the hook; {@link BertDistillCli#main} calls this once, before the command. */
    static void install(PrintStream err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> say(err), "stop-notice"));
    }

    /** What a stop of the running command keeps, said after what it waits for. */
    static void onStop(String kept) {
        notice = IN_FLIGHT + kept;
    }

    /** The running command reports its own stop. */
    static void quiet() {
        notice = null;
    }

    /** The command has returned: the JVM's exit from now on is not a stop. */
    static void finished() {
        finished = true;
    }

    private static void say(PrintStream err) {
        String what = notice;
        if (!finished && what != null) {
            err.println(PREFIX + what);
            err.flush();
        }
    }
}

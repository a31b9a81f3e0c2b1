package io.github.bertdistill.examples.pipeline;

import java.nio.file.Path;

/**
 * A stage was asked to run before the stage whose output it needs, e.g. labelling before the
 * teacher was fine-tuned. The message names the missing folder and the command to run first.
 */
public final class MissingStageException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MissingStageException(String what, Path folder, String command) {
        super("no " + what + " in " + folder + ": run 'bert-distill " + command + "' first");
    }
}

package io.github.bertdistill.examples.pipeline;

import java.nio.file.Path;

/**
 * A stage was asked to run before the stage whose output it needs, e.g. labelling before the
 * teacher was fine-tuned. The message names the missing folder and the command to run first.
 */
public final class MissingStageException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final Path folder;
    private final String command;

    MissingStageException(String what, Path folder, String command) {
        this(what, folder, command, "");
    }

    private MissingStageException(String what, Path folder, String command, String options) {
        super(
                "no "
                        + what
                        + " in "
                        + folder
                        + ": run 'bert-distill "
                        + command
                        + options
                        + "' first");
        this.what = what;
        this.folder = folder;
        this.command = command;
    }

    /**
     * The same, with the options of the command line that failed ({@code " --recipe my.json
     * --output runs/x"}) in the command to run first: without them it would run another recipe into
     * another folder.
     */
    public MissingStageException withOptions(String options) {
        return new MissingStageException(what, folder, command, options);
    }
}

package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.data.io.DatasetFormatException;
import io.github.bertdistill.examples.pipeline.MissingStageException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line that says what to fix, and an exit code: 2 for bad input (a
 * missing file, a malformed data row or missing column, a wrong recipe key, labels that do not
 * match, a stage run before the one it needs), 1 for anything else. The stack trace is printed only
 * with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(
            Exception e, CommandLine commandLine, ParseResult parseResult) {
        commandLine.getErr().println("bert-distill: " + describe(e));
        if (commandLine.getCommandSpec().root().userObject() instanceof BertDistillCli cli
                && cli.verbose) {
            e.printStackTrace(commandLine.getErr());
        }
        return isBadInput(e) ? BAD_INPUT : FAILURE;
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            NoSuchFileException missing = (NoSuchFileException) e;
            String reason = missing.getReason() == null ? "file not found" : missing.getReason();
            return reason + ": " + missing.getFile();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static boolean isBadInput(Exception e) {
        return e instanceof DatasetFormatException
                || e instanceof NoSuchFileException
                || e instanceof MissingStageException
                || e instanceof IllegalArgumentException;
    }
}

package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.data.io.DatasetFormatException;
import io.github.bertdistill.core.storage.FileErrors;
import io.github.bertdistill.core.storage.UnusablePathException;
import io.github.bertdistill.examples.pipeline.MissingStageException;
import io.github.bertdistill.examples.pipeline.ModelFolderException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one rule for how a command fails: one line on standard error, {@code bert-distill: <what to
 * fix>}, naming the file, line, key or path at fault, and an exit code.
 *
 * <p><b>Exit code 2: the user can fix it in their input.</b>
 *
 * <ul>
 *   <li>an unknown option, a missing or malformed option value: found by picocli before a command
 *       runs, reported here as one line that points to the command's {@code --help};
 *   <li>{@link IllegalArgumentException}: a wrong value — an option, a recipe key or value, labels
 *       of a model that do not match the data;
 *   <li>{@link DatasetFormatException}: a bad row of a data or text file, or of standard input
 *       (file or stream, line, field);
 *   <li>{@link NoSuchFileException}: a file or folder that does not exist;
 *   <li>{@link UnusablePathException}: a folder given as a file or the reverse, an unreadable
 *       input, or an output location that cannot be written (a file in the way, read-only, too
 *       little free space), checked before any work;
 *   <li>{@link ModelFolderException}: a model folder that is none of the known kinds, or whose
 *       files are missing or damaged;
 *   <li>{@link MissingStageException}: a recipe stage run before the stage it needs.
 * </ul>
 *
 * <p><b>Exit code 1: anything else</b>, a failure inside bert-distill, the engine or the machine,
 * such as an I/O error in the middle of the work (its message names the path and the cause).
 *
 * <p>The message is the exception's first line without Java class names; the stack trace is printed
 * only with {@code --verbose} (an option of the root command: {@code bert-distill}'s, or that of
 * the spark module's command line, which fails by the same rule).
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int BAD_INPUT = 2;
    static final int FAILURE = 1;

    private static final List<Class<? extends Exception>> BAD_INPUT_TYPES =
            List.of(
                    IllegalArgumentException.class,
                    DatasetFormatException.class,
                    NoSuchFileException.class,
                    UnusablePathException.class,
                    ModelFolderException.class,
                    MissingStageException.class);

    /** A qualified Java exception name with its colon, as in {@code java.io.EOFException: }. */
    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*)?");

    @Override
    public int handleExecutionException(
            Exception e, CommandLine commandLine, ParseResult parseResult) {
        OptionSpec verboseOption = commandLine.getCommandSpec().root().findOption("--verbose");
        boolean verbose = verboseOption != null && Boolean.TRUE.equals(verboseOption.getValue());
        commandLine.getErr().println("bert-distill: " + describe(e, verbose));
        if (verbose) {
            e.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return exitCode(e);
    }

    /** picocli's message for a value outside an enum's constants. */
    private static final Pattern ENUM_VALUE =
            Pattern.compile(
                    "Invalid value for option '([^']+)': expected one of \\[(.*)\\]"
                            + " \\(case-sensitive\\) but was '(.*)'");

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String help = command.getCommandSpec().qualifiedName() + " --help";
        String suggestions =
                e instanceof UnmatchedArgumentException unmatched
                                && !unmatched.getSuggestions().isEmpty()
                        ? "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?"
                        : "";
        command.getErr()
                .println(
                        "bert-distill: "
                                + rephrased(e.getMessage())
                                + suggestions
                                + " (see '"
                                + help
                                + "')");
        command.getErr().flush();
        return BAD_INPUT;
    }

    /**
     * picocli's message in the words of the project's own option checks: {@code --format: expected
     * one of onnx, got "tflite"} for an enum value it does not know.
     */
    static String rephrased(String message) {
        Matcher enumValue = ENUM_VALUE.matcher(message);
        return enumValue.matches()
                ? enumValue.group(1)
                        + ": expected one of "
                        + enumValue.group(2)
                        + ", got \""
                        + enumValue.group(3)
                        + "\""
                : message;
    }

    /** 2 if the user can fix {@code e} in their input, else 1 (see the class comment). */
    static int exitCode(Exception e) {
        Exception reported = unwrapped(e);
        return BAD_INPUT_TYPES.stream().anyMatch(type -> type.isInstance(reported))
                ? BAD_INPUT
                : FAILURE;
    }

    /** The one-line message for {@code e}. */
    static String describe(Exception e, boolean verbose) {
        if (e instanceof NoSuchFileException missing) {
            String reason = missing.getReason() == null ? "file not found" : missing.getReason();
            return reason + ": " + missing.getFile();
        }
        String message =
                e instanceof FileSystemException failure
                        ? FileErrors.describe(failure)
                        : e.getMessage();
        if (message == null || message.isBlank()) {
            return "internal error" + (verbose ? "" : " (run again with --verbose for details)");
        }
        String cleaned = CLASS_NAME.matcher(message.strip()).replaceAll("");
        int newline = cleaned.indexOf('\n');
        return newline < 0
                ? cleaned
                : cleaned.substring(0, newline).strip() + (verbose ? "" : " (more with --verbose)");
    }

    /**
     * The I/O error an {@link UncheckedIOException} carries (its exit code counts), {@code e}
     * itself otherwise.
     */
    private static Exception unwrapped(Exception e) {
        return e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
    }
}

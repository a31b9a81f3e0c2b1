package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** One run of the command line with its output captured. */
record CliResult(int exitCode, String out, String err) {
    /** Runs {@code args} with {@code stdin} as standard input. */
    static CliResult withInput(byte[] stdin, String... args) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin));
        try {
            return run(args);
        } finally {
            System.setIn(original);
        }
    }

    /** The one line of {@link #err()}, checked to say what to fix without Java class names. */
    String errorLine() {
        List<String> lines = err.strip().lines().toList();
        assertEquals(1, lines.size(), "one line: " + err);
        String line = lines.get(0);
        assertTrue(line.startsWith("bert-distill: "), line);
        assertFalse(
                line.contains("java.") || line.contains("Exception") || line.contains("\tat "),
                "no Java class names: " + line);
        return line;
    }

    static CliResult run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BertDistillCli.newCommandLine();
        // Buffered and flushed by println only, as picocli's writers on System.out and System.err:
        // what a command prints but never flushes is lost here as it would be in a terminal.
        cli.setOut(new PrintWriter(new BufferedWriter(out), true));
        cli.setErr(new PrintWriter(new BufferedWriter(err), true));
        int exitCode = cli.execute(args);
        return new CliResult(exitCode, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nout: " + out + "\nerr: " + err;
    }
}

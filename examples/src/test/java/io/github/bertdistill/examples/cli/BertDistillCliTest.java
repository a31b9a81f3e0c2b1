package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BertDistillCliTest {

    @Test
    void helpListsTheSubcommands() {
        StringWriter out = new StringWriter();
        CommandLine cli = BertDistillCli.newCommandLine();
        cli.setOut(new PrintWriter(out));

        assertEquals(0, cli.execute("--help"));
        assertTrue(out.toString().contains("engine"), out.toString());
    }

    @Test
    void unknownOptionsFailWithAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = BertDistillCli.newCommandLine();
        cli.setErr(new PrintWriter(err));

        assertEquals(2, cli.execute("--no-such-option"));
        assertTrue(err.toString().contains("Unknown option"), err.toString());
    }

    @Test
    void engineCommandStartsPyTorch() {
        assertEquals(0, BertDistillCli.newCommandLine().execute("engine"));
    }
}

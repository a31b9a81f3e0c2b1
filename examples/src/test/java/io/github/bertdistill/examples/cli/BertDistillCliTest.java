package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class BertDistillCliTest {

    @Test
    void helpListsTheSubcommands() {
        StringWriter out = new StringWriter();
        CommandLine cli = BertDistillCli.newCommandLine();
        cli.setOut(new PrintWriter(out));

        assertEquals(0, cli.execute("--help"));
        assertTrue(out.toString().contains("engine"), out.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "run",
                "finetune",
                "label",
                "train",
                "distill",
                "sweep",
                "report",
                "evaluate",
                "predict",
                "bench",
                "serve"
            })
    void everyCommandsHelpTeachesWithExamples(String command) {
        CliResult result = CliResult.run(command, "--help");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(
                result.out().contains("Usage: bert-distill " + command)
                        && result.out().contains("Examples:")
                        && result.out().contains("--help"),
                result.out());
    }

    @Test
    void everyHelpsExamplesCanBeCopiedLineByLine() {
        CommandLine cli = BertDistillCli.newCommandLine();
        List<CommandLine> commands = new ArrayList<>(cli.getSubcommands().values());
        commands.add(cli);
        for (CommandLine command : commands) {
            String help = command.getUsageMessage();
            int examples = help.indexOf("Examples:");
            if (examples < 0) {
                continue;
            }
            // each example line, or its continuation after a backslash, starts indented: a line
            // picocli wrapped would start at column 0 and split a command in two
            for (String line : help.substring(examples).lines().skip(1).toList()) {
                if (line.isEmpty()) {
                    break;
                }
                assertTrue(
                        line.startsWith("  "),
                        command.getCommandName() + "'s example wraps: '" + line + "'");
            }
        }
    }

    @Test
    void noHelpSplitsANameAcrossTwoLines() {
        // picocli breaks lines after '.' and ':' too: "student.distillMethod" could end one line
        // with "student." and start the next with "distillMethod"
        Pattern lineEnd = Pattern.compile("(\\S+[.:])$");
        Pattern lineStart = Pattern.compile("^\\s*(\\S+)");
        CommandLine cli = BertDistillCli.newCommandLine();
        List<CommandLine> commands = new ArrayList<>(cli.getSubcommands().values());
        commands.add(cli);
        List<String> splits = new ArrayList<>();
        for (CommandLine command : commands) {
            CommandSpec spec = command.getCommandSpec();
            StringBuilder source = new StringBuilder();
            List.of(spec.usageMessage().header(), spec.usageMessage().description())
                    .forEach(part -> source.append(String.join(" ", part)).append(' '));
            spec.options()
                    .forEach(o -> source.append(String.join(" ", o.description())).append(' '));
            String text = source.toString().replace("%n", " ");
            List<String> lines = command.getUsageMessage().lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                Matcher end = lineEnd.matcher(lines.get(i));
                Matcher start = lineStart.matcher(lines.get(i + 1));
                if (end.find() && start.find() && text.contains(end.group(1) + start.group(1))) {
                    splits.add(
                            command.getCommandName()
                                    + ": "
                                    + end.group(1)
                                    + " | "
                                    + start.group(1));
                }
            }
        }
        assertEquals(List.of(), splits);
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

    @Test
    void badInputExitsWithTwoAndOneLineSayingWhatToFix() {
        StringWriter err = new StringWriter();
        CommandLine cli = BertDistillCli.newCommandLine();
        cli.setErr(new PrintWriter(err));

        assertEquals(2, cli.execute("run", "--recipe", "no/such/recipe.json"));
        assertEquals(
                "bert-distill: recipe file not found: no/such/recipe.json", err.toString().strip());
    }

    @Test
    void anUnknownRecipeKeyIsNamed() {
        StringWriter err = new StringWriter();
        CommandLine cli = BertDistillCli.newCommandLine();
        cli.setErr(new PrintWriter(err));

        assertEquals(2, cli.execute("run", "--set", "teacher.temprature=2"));
        assertEquals(
                "bert-distill: --set teacher.temprature=2: teacher.temprature: unknown key; known"
                    + " keys: checkpoint, finetuned, maxLength, maxTrainExamples, method, pooling,"
                    + " preset, training",
                err.toString().strip());
    }
}

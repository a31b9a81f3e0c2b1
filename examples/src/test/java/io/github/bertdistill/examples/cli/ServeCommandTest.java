package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import io.github.bertdistill.examples.testing.TinyRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} on a tiny saved student: its answers over HTTP, its stop, and its errors. */
class ServeCommandTest {
    private static final Pattern ADDRESS = Pattern.compile("on (http://[\\d.]+:\\d+):");

    @TempDir static Path folder;
    private static Path student;

    @BeforeAll
    static void saveModel() throws IOException {
        student = TinyRun.student(folder.resolve("cnn"), TinyRun.LABELS);
    }

    @Test
    void servesTheModelsPredictionsAndStopsCleanly() throws Exception {
        StringBuffer out = new StringBuffer();
        CommandLine cli = BertDistillCli.newCommandLine();
        cli.setOut(new PrintWriter(new BufferWriter(out), true));
        CompletableFuture<Integer> exit =
                CompletableFuture.supplyAsync(
                        () -> cli.execute("serve", "--model", student.toString(), "--port", "0"));
        Matcher address = ADDRESS.matcher("");
        while (!address.reset(out).find()) {
            assertTrue(!exit.isDone(), "serve ended early: " + out);
            Thread.sleep(10);
        }
        URI base = URI.create(address.group(1));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(base.resolve("/predict"))
                                .timeout(Duration.ofSeconds(60))
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"inputs\": [\"tasty food\", \"stale\"]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonArray answers = JsonParser.parseString(response.body()).getAsJsonArray();
        try (TextClassifier classifier = ModelFolders.load(student)) {
            List<Prediction> expected = classifier.predict(List.of("tasty food", "stale"));
            for (int i = 0; i < 2; i++) {
                float[] probabilities = expected.get(i).probabilities();
                for (JsonElement element : answers.get(i).getAsJsonArray()) {
                    JsonObject entry = element.getAsJsonObject();
                    int c = classifier.labels().indexOf(entry.get("label").getAsString());
                    assertEquals(probabilities[c], entry.get("score").getAsFloat(), 1e-6);
                }
            }
        }
        ((ServeCommand) cli.getSubcommands().get("serve").getCommand()).stop();
        assertEquals(0, exit.get());
        assertTrue(out.toString().endsWith("stopped" + System.lineSeparator()), out.toString());
    }

    @Test
    void aBadOptionOrABusyPortIsOneLineAndExitCode2() throws IOException {
        CliResult badBatch =
                CliResult.run("serve", "--model", student.toString(), "--max-batch", "0");
        assertEquals(2, badBatch.exitCode(), badBatch.toString());
        assertEquals("bert-distill: --max-batch: must be >= 1, got 0", badBatch.errorLine());

        CliResult noModel = CliResult.run("serve", "--model", folder.resolve("none").toString());
        assertEquals(2, noModel.exitCode(), noModel.toString());
        assertTrue(noModel.errorLine().contains("not found"), noModel.toString());

        try (ServerSocket taken = new ServerSocket(0)) {
            CliResult busy =
                    CliResult.run(
                            "serve",
                            "--model",
                            student.toString(),
                            "--port",
                            Integer.toString(taken.getLocalPort()));
            assertEquals(2, busy.exitCode(), busy.toString());
            assertTrue(busy.errorLine().contains("cannot listen on 127.0.0.1:"), busy.toString());
            assertTrue(busy.errorLine().endsWith("choose another --port or --host"));
        }
    }

    /** Appends to a buffer that another thread may read. */
    private static final class BufferWriter extends Writer {
        private final StringBuffer buffer;

        BufferWriter(StringBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            buffer.append(chars, offset, length);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}

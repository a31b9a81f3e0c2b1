package io.github.bertdistill.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clients that send part of a request and stall cannot hold a server: with {@code requestSeconds} 1
 * and two handler threads, four stalled clients (two in their headers, two in their bodies) are
 * disconnected, a normal request is answered, and the two whose bodies were being read are counted
 * under status 499, not as server errors.
 *
 * <p>The JDK reads the request time limit once per JVM, so the server runs in a JVM of its own
 * ({@link Main}).
 */
class StalledClientsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void stalledClientsAreDisconnectedAndOthersAnswered() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process server =
                new ProcessBuilder(
                                java.toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                Main.class.getName())
                        .redirectErrorStream(true)
                        .start();
        List<Socket> stalled = new ArrayList<>();
        try {
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("port "), String.valueOf(first));
            int port = Integer.parseInt(first.substring(5).strip());
            for (String part :
                    List.of(
                            "POST /predict HTTP/1.1\r\nHost: x\r\n",
                            "POST /predict HTTP/1.1\r\nHost: x\r\n",
                            "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{",
                            "POST /predict HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", port));
                socket.getOutputStream().write(part.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            for (Socket socket : stalled) {
                awaitClosedByServer(socket);
            }
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> answer =
                    client.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + port + "/predict"))
                                    .timeout(PATIENCE)
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "{\"inputs\": \"ok\"}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode(), answer.body());
            String metrics =
                    client.send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/metrics"))
                                            .timeout(PATIENCE)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            assertTrue(
                    metrics.contains(
                            "bert_distill_requests_total{endpoint=\"/predict\",status=\"499\"}"
                                    + " 2.0"),
                    metrics);
            assertTrue(!metrics.contains("status=\"500\""), metrics);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
            server.getOutputStream().close(); // Main stops when its input ends
            if (!server.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /**
     * Reads until the server closes the connection (an end of stream, or a reset when it closed
     * with our bytes unread); a read that times out fails the test.
     */
    private static void awaitClosedByServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) PATIENCE.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // a bare 400 for a broken header block, if any
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server left a stalled client connected", e);
        } catch (SocketException reset) {
            // closed with a reset
        }
    }

    /** A server of the toy classifier with a one-second request limit, until stdin ends. */
    public static final class Main {
        private Main() {}

        public static void main(String[] args) throws IOException {
            ServerConfig config =
                    ServerConfig.builder()
                            .optPort(0)
                            .optHttpThreads(4)
                            .optRequestSeconds(1)
                            .optShutdownSeconds(1)
                            .build();
            try (ClassifierServer server = ClassifierServer.start(ToyClassifier.open(), config)) {
                System.out.println("port " + server.address().getPort());
                System.out.flush();
                System.in.readAllBytes();
            }
        }
    }
}

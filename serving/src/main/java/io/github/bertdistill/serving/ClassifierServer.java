package io.github.bertdistill.serving;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.bertdistill.core.model.TextClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server for one {@link TextClassifier}, on the JDK's own {@code com.sun.net.httpserver}:
 *
 * <ul>
 *   <li>{@code POST /predict}: Hugging Face's text-classification shape ({@link PredictRequest},
 *       {@link ScoreLists}); concurrent requests are micro-batched ({@link MicroBatcher});
 *   <li>{@code GET /health}: 200 {@code {"status": "ok", …}} while serving, 503 while shutting
 *       down;
 *   <li>{@code GET /metrics}: Prometheus text ({@link ServerMetrics}).
 * </ul>
 *
 * <p>Every error is a one-line JSON body {@code {"error": "…", "error_type": "…"}}: 400 for bad
 * JSON or fields, 404/405 for a wrong path or method, 413 for a body over the limit, 503 when the
 * queue is full or the server is shutting down, 500 if the model fails. A client that goes away
 * before its request is read whole (or takes longer than {@link ServerConfig#requestSeconds()})
 * gets no reply; it is counted under status 499, as nginx counts it, and logged at debug level.
 *
 * <p>{@link #close()} shuts down gracefully: new requests get 503, requests in flight are answered
 * (up to {@link ServerConfig#shutdownSeconds()}; after it, those still queued get 503), the
 * listening socket closes, and it returns once the batches in progress are done. It does not close
 * the classifier.
 */
public final class ClassifierServer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(ClassifierServer.class);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final String JSON = "application/json";
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    private static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";

    /** The status counted for a request whose client went away before it was read whole. */
    private static final int CLIENT_CLOSED = 499;

    /** How long a shutdown out of time lets the refused requests' 503s go out. */
    private static final long REPLY_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TextClassifier classifier;
    private final ServerConfig config;
    private final ServerMetrics metrics;
    private final MicroBatcher batcher;
    private final ExecutorService handlers;
    private final HttpServer http;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    static {
        // The JDK server sends a response's headers and body in separate writes; with Nagle's
        // algorithm on, the body waits for the client's delayed ACK (≈ 40 ms a request).
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private ClassifierServer(TextClassifier classifier, ServerConfig config) throws IOException {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.config = Objects.requireNonNull(config, "config");
        limitRequestTime(config.requestSeconds());
        this.metrics = new ServerMetrics(this::queuedTexts);
        this.batcher = new MicroBatcher(classifier, config, metrics);
        this.handlers = Executors.newFixedThreadPool(config.httpThreads());
        try {
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        } catch (IOException e) {
            batcher.close();
            handlers.shutdown();
            throw new IOException(
                    "cannot listen on "
                            + config.host()
                            + ":"
                            + config.port()
                            + ": "
                            + e.getMessage(),
                    e);
        }
        http.setExecutor(handlers);
        http.createContext("/", exchange -> handle(exchange, this::route));
    }

    /**
     * Sets the JDK server's limit on the time a client takes to send a request (headers and body):
     * a slower connection is closed, which frees the handler thread reading it. The JDK reads the
     * limit once, when its first server in the JVM starts, so every server of a JVM must ask for
     * the same one.
     */
    private static synchronized void limitRequestTime(int seconds) throws IOException {
        String wanted = Integer.toString(seconds);
        String set = System.getProperty(MAX_REQUEST_TIME);
        if (set == null) {
            System.setProperty(MAX_REQUEST_TIME, wanted);
        } else if (!set.strip().equals(wanted)) {
            throw new IOException(
                    "requestSeconds is "
                            + seconds
                            + " but this JVM's HTTP server already limits requests to "
                            + set
                            + " s ("
                            + MAX_REQUEST_TIME
                            + "), which the JDK reads once per JVM: give the same value");
        }
    }

    /**
     * Starts serving {@code classifier}.
     *
     * @throws IOException naming the address if it cannot listen there (port taken, bad host)
     */
    public static ClassifierServer start(TextClassifier classifier, ServerConfig config)
            throws IOException {
        ClassifierServer server = new ClassifierServer(classifier, config);
        server.http.start();
        return server;
    }

    /** Where the server listens (the real port when the config asked for 0). */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    private int queuedTexts() {
        return batcher.queuedTexts();
    }

    /** Answers one request. */
    @FunctionalInterface
    private interface Endpoint {
        Reply answer(HttpExchange exchange) throws IOException;
    }

    /** A status and a body to send. */
    private record Reply(int status, String contentType, byte[] body, String truncatedTexts) {
        static Reply json(int status, JsonElement body) {
            return new Reply(
                    status, JSON, GSON.toJson(body).getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private void handle(HttpExchange exchange, Endpoint endpoint) throws IOException {
        inFlight.incrementAndGet();
        try {
            answer(exchange, endpoint);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange exchange, Endpoint endpoint) throws IOException {
        long start = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        Reply reply;
        try {
            reply = endpoint.answer(exchange);
        } catch (RequestRefused e) {
            reply = error(e.status(), e.type(), e.getMessage());
        } catch (ClientGone e) {
            // nobody is left to answer: count it, and close the connection without a reply
            logger.debug("{} {}: {}", exchange.getRequestMethod(), path, e.getMessage());
            metrics.answered(knownPath(path), CLIENT_CLOSED, start);
            exchange.close();
            return;
        } catch (RuntimeException | IOException e) {
            logger.error("{} {} failed", exchange.getRequestMethod(), path, e);
            reply = error(500, "backend", "internal error: " + e.getMessage());
        }
        metrics.answered(knownPath(path), reply.status(), start);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            if (reply.status() == 503) {
                // a full queue empties within a second or so; a draining server will be gone
                exchange.getResponseHeaders().set("Retry-After", "1");
            }
            if (reply.truncatedTexts() != null) {
                exchange.getResponseHeaders().set("X-Truncated-Texts", reply.truncatedTexts());
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        return switch (path) {
            case "/predict" -> {
                requireMethod(exchange, "POST");
                yield predict(exchange);
            }
            case "/health" -> {
                requireMethod(exchange, "GET");
                yield health();
            }
            case "/metrics" -> {
                requireMethod(exchange, "GET");
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                metrics.write(text);
                yield new Reply(200, metrics.contentType(), text.toByteArray(), null);
            }
            default ->
                    error(
                            404,
                            "not_found",
                            "no endpoint "
                                    + method
                                    + " "
                                    + path
                                    + ": use POST /predict, GET /health or GET /metrics");
        };
    }

    private Reply predict(HttpExchange exchange) throws IOException {
        if (draining) {
            throw RequestRefused.shuttingDown();
        }
        PredictRequest request =
                PredictRequest.parse(body(exchange), config.maxTexts(), config.maxTextChars());
        metrics.truncated(request.truncated());
        float[][] logits;
        try {
            logits = batcher.submit(request.texts()).get();
        } catch (InterruptedException e) {
            // the server's threads are interrupted when it stops
            Thread.currentThread().interrupt();
            throw RequestRefused.shuttingDown();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RequestRefused refused) {
                throw refused;
            }
            throw new IllegalStateException(
                    "the model failed: " + e.getCause().getMessage(), e.getCause());
        }
        JsonArray answer = ScoreLists.of(request, logits, classifier.labels());
        return new Reply(
                200,
                JSON,
                GSON.toJson(answer).getBytes(StandardCharsets.UTF_8),
                Integer.toString(request.truncated()));
    }

    private Reply health() {
        JsonObject status = new JsonObject();
        status.addProperty("status", draining ? "shutting down" : "ok");
        JsonArray labels = new JsonArray();
        classifier.labels().names().forEach(labels::add);
        status.add("labels", labels);
        status.addProperty("max_batch", config.maxBatch());
        return Reply.json(draining ? 503 : 200, status);
    }

    /** The body as UTF-8 text, refused if larger than the limit or not UTF-8. */
    private String body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null
                && length.matches("\\d{1,18}")
                && Long.parseLong(length) > config.maxBodyBytes()) {
            throw tooLarge(Long.parseLong(length));
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(config.maxBodyBytes() + 1);
        } catch (IOException e) {
            throw new ClientGone(e);
        }
        if (bytes.length > config.maxBodyBytes()) {
            throw tooLarge(bytes.length);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw RequestRefused.badRequest("body is not valid UTF-8");
        }
    }

    private RequestRefused tooLarge(long bytes) {
        return RequestRefused.tooLarge(
                "body of "
                        + (bytes > config.maxBodyBytes() ? "more than " : "")
                        + config.maxBodyBytes()
                        + " bytes: at most "
                        + config.maxBodyBytes()
                        + " allowed");
    }

    private static void requireMethod(HttpExchange exchange, String method) {
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            throw RequestRefused.methodNotAllowed(
                    "use " + method + " " + exchange.getRequestURI().getPath());
        }
    }

    private static Reply error(int status, String type, String message) {
        JsonObject body = new JsonObject();
        body.addProperty("error", message);
        body.addProperty("error_type", type);
        return Reply.json(status, body);
    }

    private static String knownPath(String path) {
        return switch (path) {
            case "/predict", "/health", "/metrics" -> path;
            default -> "other";
        };
    }

    /**
     * Waits until no request is in flight or {@code deadline} ({@link System#nanoTime()}) passes;
     * false if interrupted.
     */
    private boolean awaitAnswered(long deadline) {
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The request body could not be read whole: the client closed the connection, or took longer
     * than {@link ServerConfig#requestSeconds()} and was disconnected.
     */
    private static final class ClientGone extends IOException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super("the client went away before its request was read: " + cause, cause);
        }
    }

    /**
     * Shuts down gracefully: refuses new requests with 503, waits for the requests in flight (at
     * most {@link ServerConfig#shutdownSeconds()}), stops listening, classifies whatever was
     * admitted, then stops the threads. If the requests in flight are not all answered in time,
     * those whose texts still wait in the queue get 503 (logged with their count) and only the
     * batches in progress are finished, whose answers may find their connections closed.
     */
    @Override
    public void close() {
        draining = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(config.shutdownSeconds());
        // JDK 17's HttpServer.stop(delay) always waits the whole delay (fixed in JDK 21), so the
        // requests in flight are counted here and the server is stopped once they are answered.
        boolean interrupted = !awaitAnswered(deadline);
        if (inFlight.get() > 0) {
            // out of time: the requests still queued get a 503 now, instead of being classified
            // after their connections are closed
            MicroBatcher.Refused refused = batcher.refuseWaiting();
            if (refused.requests() > 0) {
                logger.warn(
                        "shutdown: {} requests ({} texts) were still waiting after {} s and got"
                                + " 503",
                        refused.requests(),
                        refused.texts(),
                        config.shutdownSeconds());
            }
            if (!interrupted) {
                interrupted = !awaitAnswered(System.nanoTime() + REPLY_GRACE_NANOS);
            }
        }
        http.stop(0);
        batcher.close();
        handlers.shutdown();
        try {
            if (!handlers.awaitTermination(config.shutdownSeconds(), TimeUnit.SECONDS)) {
                handlers.shutdownNow();
            }
        } catch (InterruptedException e) {
            handlers.shutdownNow();
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

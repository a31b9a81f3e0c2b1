package io.github.bertdistill.examples.cli;

import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.engine.NativeWork;
import io.github.bertdistill.core.engine.ThreadSettings;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import io.github.bertdistill.serving.ClassifierServer;
import io.github.bertdistill.serving.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bert-distill serve}: an HTTP server for one model folder, until stopped. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        header = "Serve a model over HTTP.",
        description = {
            "Serve a teacher, student or exported model folder over HTTP until stopped (Ctrl-C,"
                    + " SIGTERM), in Hugging Face's text-classification shape:",
            "  POST /predict  {\"inputs\": \"text\"} or {\"inputs\": [\"a\", \"b\"]}, optional"
                    + " \"raw_scores\": true and \"parameters\": {\"top_k\": k}",
            "                 → [{\"label\": …, \"score\": …}, …] best first (a list of those for"
                    + " a list)",
            "  GET /health    200 while serving, 503 while shutting down",
            "  GET /metrics   Prometheus text: requests, errors, latency, batch sizes",
            "",
            "Concurrent requests are micro-batched: a batch waits at most --batch-window-millis"
                    + " for more texts, up to --max-batch. A request that does not fit in"
                    + " --queue-capacity waiting texts gets 503 at once. Stopping answers every"
                    + " request already admitted first.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  bert-distill serve --model runs/fine-foods/students/student-kd",
            "  bert-distill serve --model runs/fine-foods/teacher --port 9000 --threads 2",
            "  curl -s localhost:8080/predict -d '{\"inputs\": \"Tasty and cheap\"}'"
        })
final class ServeCommand implements Callable<Integer> {
    @Option(
            names = "--model",
            paramLabel = "DIR",
            required = true,
            description = "The model folder (teacher, student, TorchScript or ONNX).")
    Path model;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0: all).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "TCP port (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description =
                    "PyTorch intra-op threads per model call, with one inter-op thread (default:"
                            + " as the JVM's properties ai.djl.pytorch.* say, else PyTorch's"
                            + " choice).")
    Integer threads;

    @Option(
            names = "--max-batch",
            paramLabel = "N",
            defaultValue = "32",
            description = "Most texts per model call (default ${DEFAULT-VALUE}; 1: no batching).")
    int maxBatch;

    @Option(
            names = "--batch-window-millis",
            paramLabel = "MS",
            defaultValue = "2",
            description = "How long a batch waits for more texts (default ${DEFAULT-VALUE}).")
    int batchWindowMillis;

    @Option(
            names = "--queue-capacity",
            paramLabel = "N",
            defaultValue = "1024",
            description = "Most texts waiting; more gets 503 (default ${DEFAULT-VALUE}).")
    int queueCapacity;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "1",
            description = "Batches run at once (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--max-body-bytes",
            paramLabel = "N",
            defaultValue = "1048576",
            description = "Largest request body; larger gets 413 (default ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(
            names = "--max-texts",
            paramLabel = "N",
            defaultValue = "64",
            description = "Most texts per request; more gets 400 (default ${DEFAULT-VALUE}).")
    int maxTexts;

    @Option(
            names = "--max-text-chars",
            paramLabel = "N",
            defaultValue = "10000",
            description =
                    "Characters kept of a text; longer ones are cut and counted in the"
                            + " X-Truncated-Texts header (default ${DEFAULT-VALUE}).")
    int maxTextChars;

    @Option(
            names = "--http-threads",
            paramLabel = "N",
            defaultValue = "64",
            description = "Requests handled at once (default ${DEFAULT-VALUE}).")
    int httpThreads;

    @Option(
            names = "--shutdown-seconds",
            paramLabel = "S",
            defaultValue = "30",
            description =
                    "How long stopping waits for requests in flight; after it, requests still"
                            + " queued get 503 (default ${DEFAULT-VALUE}).")
    int shutdownSeconds;

    @Option(
            names = "--request-seconds",
            paramLabel = "S",
            defaultValue = "10",
            description =
                    "How long a client may take to send a whole request; a slower one is"
                            + " disconnected (default ${DEFAULT-VALUE}).")
    int requestSeconds;

    @Mixin DeviceOption device;

    @Spec CommandSpec spec;

    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        ServerConfig config = config();
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads: must be >= 1, got " + threads);
        }
        device.startEngine(
                threads == null
                        ? ThreadSettings.fromSystemProperties()
                        : new ThreadSettings(threads, 1),
                List.of(model));
        PrintWriter out = spec.commandLine().getOut();
        Thread hook = new Thread(this::stopAndWait, "bert-distill-serve-shutdown");
        try {
            serve(config, hook, out);
            // before the hook lets the JVM exit: the model is closed and the line is out
            out.println("stopped");
            out.flush();
        } finally {
            stopped.countDown();
            removeHook(hook);
        }
        return 0;
    }

    /** Loads the model and serves it until a stop is asked for; the hook is live meanwhile. */
    private void serve(ServerConfig config, Thread hook, PrintWriter out) throws IOException {
        try (TextClassifier classifier = ModelFolders.load(model)) {
            ClassifierServer server = listen(classifier, config);
            // this hook answers every admitted text, then lets the JVM exit
            NativeWork.handOverStop();
            StopNotice.quiet();
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                InetSocketAddress address = server.address();
                out.println(
                        "serving "
                                + model
                                + " (labels "
                                + String.join(", ", classifier.labels().names())
                                + ") on http://"
                                + address.getHostString()
                                + ":"
                                + address.getPort()
                                + ": POST /predict, GET /health, GET /metrics; Ctrl-C stops");
                out.flush();
                awaitStop();
                out.println("stopping: answering the requests admitted");
                out.flush();
            } finally {
                server.close();
            }
        }
    }

    /** Asks a running {@link #call()} to shut the server down gracefully and return. */
    void stop() {
        stopRequested.countDown();
    }

    private void stopAndWait() {
        stop();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitStop() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook itself is running: the JVM is exiting
        }
    }

    private ClassifierServer listen(TextClassifier classifier, ServerConfig config) {
        try {
            return ClassifierServer.start(classifier, config);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    e.getMessage() + ": choose another --port or --host", e);
        }
    }

    /** The checked server settings; a bad value names its option. */
    private ServerConfig config() {
        try {
            return ServerConfig.builder()
                    .optHost(host)
                    .optPort(port)
                    .optMaxBatch(maxBatch)
                    .optBatchWindowMillis(batchWindowMillis)
                    .optQueueCapacity(queueCapacity)
                    .optWorkers(workers)
                    .optMaxBodyBytes(maxBodyBytes)
                    .optMaxTexts(maxTexts)
                    .optMaxTextChars(maxTextChars)
                    .optHttpThreads(httpThreads)
                    .optShutdownSeconds(shutdownSeconds)
                    .optRequestSeconds(requestSeconds)
                    .build();
        } catch (ConfigException e) {
            throw OptionKeys.asOptionError(e);
        }
    }
}

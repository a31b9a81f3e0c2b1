package io.github.bertdistill.examples.bench;

import com.google.gson.JsonPrimitive;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.io.DelimitedReader;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.serving.ClassifierServer;
import io.github.bertdistill.serving.ServerConfig;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Not a test: {@code bert-distill serve}'s server under load on loopback, for a TextCNN student
 * (default config, vocabulary of fine-foods' training text) and the MiniLM-L6 teacher (64 tokens),
 * each micro-batched ({@code maxBatch} 32, 2 ms window) and unbatched ({@code maxBatch} 1), with 1,
 * 8 and 32 concurrent clients. Every client sends one fine-foods test review per request, one
 * request after another, until the configuration's request count is reached; a warm-up of the same
 * size comes first. Prints one Markdown row per configuration: requests/s and latency p50/p99 as
 * the client sees it. Clients and server share the machine.
 *
 * <pre>
 * mvn -B -q -pl examples -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
 * java -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
 *   -cp examples/target/test-classes:examples/target/classes:$(cat examples/target/bench.classpath) \
 *   io.github.bertdistill.examples.bench.ServeBench [student requests] [teacher requests]
 * </pre>
 */
public final class ServeBench {
    private static final int[] CLIENTS = {1, 8, 32};

    private ServeBench() {}

    public static void main(String[] args) throws Exception {
        int studentRequests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int teacherRequests = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        EngineBootstrap.start();
        List<String> train = reviews("train.tsv");
        List<String> test = reviews("test.tsv");
        System.out.println(
                "| model | batching | clients | requests | requests/s | p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        LabelSet labels = LabelSet.of("great", "other");
        try (TextCnnClassifier student =
                TextCnnClassifier.builder()
                        .setVocabulary(StudentVocabulary.wordBuilder().build(train))
                        .setLabels(labels)
                        .optConfig(TextCnnConfig.defaults())
                        .build()) {
            run("student (TextCNN)", student, test, studentRequests);
        }
        try (BertClassifier teacher =
                BertClassifier.fromPreset(BertPreset.MINILM_L6, labels, Pooling.MEAN, 64)) {
            run("teacher (MiniLM-L6)", teacher, test, teacherRequests);
        }
    }

    private static void run(String name, TextClassifier model, List<String> texts, int requests)
            throws Exception {
        for (int maxBatch : new int[] {32, 1}) {
            ServerConfig config =
                    ServerConfig.builder()
                            .optPort(0)
                            .optMaxBatch(maxBatch)
                            .optBatchWindowMillis(2)
                            .build();
            try (ClassifierServer server = ClassifierServer.start(model, config)) {
                URI predict =
                        URI.create("http://127.0.0.1:" + server.address().getPort() + "/predict");
                for (int clients : CLIENTS) {
                    load(predict, texts, clients, requests);
                    long start = System.nanoTime();
                    double[] latencies = load(predict, texts, clients, requests);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Arrays.sort(latencies);
                    System.out.printf(
                            "| %s | %s | %d | %d | %.0f | %.2f | %.2f |%n",
                            name,
                            maxBatch == 1 ? "off" : "max 32, 2 ms",
                            clients,
                            requests,
                            requests / seconds,
                            percentile(latencies, 0.50),
                            percentile(latencies, 0.99));
                }
            }
        }
    }

    /** Sends {@code requests} requests from {@code clients} threads; their latencies in ms. */
    private static double[] load(URI predict, List<String> texts, int clients, int requests)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<double[]>> parts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                int share = requests / clients + (c < requests % clients ? 1 : 0);
                parts.add(
                        pool.submit(
                                () -> {
                                    double[] latencies = new double[share];
                                    for (int r = 0; r < share; r++) {
                                        String text = texts.get((client * 7919 + r) % texts.size());
                                        String body =
                                                "{\"inputs\": " + new JsonPrimitive(text) + "}";
                                        long start = System.nanoTime();
                                        HttpResponse<String> response =
                                                http.send(
                                                        HttpRequest.newBuilder(predict)
                                                                .POST(
                                                                        HttpRequest.BodyPublishers
                                                                                .ofString(body))
                                                                .build(),
                                                        HttpResponse.BodyHandlers.ofString());
                                        latencies[r] = (System.nanoTime() - start) / 1e6;
                                        if (response.statusCode() != 200) {
                                            throw new IllegalStateException(response.body());
                                        }
                                    }
                                    return latencies;
                                }));
            }
            double[] all = new double[0];
            for (Future<double[]> part : parts) {
                double[] latencies = part.get();
                int old = all.length;
                all = Arrays.copyOf(all, old + latencies.length);
                System.arraycopy(latencies, 0, all, old, latencies.length);
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static List<String> reviews(String file) throws Exception {
        Path copy = Files.createTempFile("fine-foods-", ".tsv");
        try (InputStream in =
                ServeBench.class.getResourceAsStream("/datasets/fine-foods/" + file)) {
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return DelimitedReader.tsv("review").readDataset(copy).texts();
        } finally {
            Files.delete(copy);
        }
    }
}

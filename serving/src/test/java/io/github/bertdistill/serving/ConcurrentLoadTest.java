package io.github.bertdistill.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.model.Prediction;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 8 clients × 2,000 requests at once on loopback get exactly what sequential predictions give, with
 * no error, whatever batches the server makes of them.
 */
class ConcurrentLoadTest {
    private static final int CLIENTS = 8;
    private static final int REQUESTS = 2_000;

    @Test
    void concurrentClientsGetTheSequentialAnswers() throws Exception {
        List<String> texts =
                IntStream.range(0, 97)
                        .mapToObj(
                                i -> "review " + "abcdefghijklmnopqrstuvwxyz".substring(i % 26) + i)
                        .toList();
        Map<String, Prediction> expected;
        try (ToyClassifier sequential = ToyClassifier.open()) {
            expected = texts.stream().collect(Collectors.toMap(t -> t, t -> sequential.predict(t)));
        }
        ServerConfig config =
                ServerConfig.builder().optPort(0).optMaxBatch(16).optBatchWindowMillis(1).build();
        ToyClassifier toy = ToyClassifier.open();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (ClassifierServer server = ClassifierServer.start(toy, config)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(
                        clients.submit(
                                () -> {
                                    Http http = new Http(server);
                                    for (int r = 0; r < REQUESTS; r++) {
                                        String text = texts.get((client * 31 + r) % texts.size());
                                        HttpResponse<String> response =
                                                http.post(
                                                        "/predict",
                                                        "{\"inputs\": \"" + text + "\"}");
                                        assertEquals(200, response.statusCode(), response.body());
                                        assertSame(expected.get(text), response.body());
                                    }
                                    return REQUESTS;
                                }));
            }
            int answered = 0;
            for (Future<Integer> client : done) {
                answered += client.get();
            }
            assertEquals(CLIENTS * REQUESTS, answered);
            assertEquals(
                    CLIENTS * REQUESTS,
                    toy.batchSizes().stream().mapToInt(Integer::intValue).sum());
        } finally {
            clients.shutdown();
        }
    }

    private static void assertSame(Prediction expected, String body) {
        JsonArray answer = JsonParser.parseString(body).getAsJsonArray();
        float[] probabilities = expected.probabilities();
        assertEquals(probabilities.length, answer.size());
        for (JsonElement element : answer) {
            JsonObject entry = element.getAsJsonObject();
            int c = ToyClassifier.LABELS.indexOf(entry.get("label").getAsString());
            assertEquals(probabilities[c], entry.get("score").getAsFloat());
        }
    }
}

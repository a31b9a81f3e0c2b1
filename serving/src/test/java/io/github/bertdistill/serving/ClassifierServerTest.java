package io.github.bertdistill.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.core.model.TextClassifier;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The endpoints, the request shapes, every class of bad request, batching and overload. */
class ClassifierServerTest {
    private static final ServerConfig SMALL =
            ServerConfig.builder()
                    .optPort(0)
                    .optMaxTexts(4)
                    .optMaxTextChars(20)
                    .optMaxBodyBytes(1000)
                    .build();

    private static float[] probabilities(String text) {
        try (ToyClassifier toy = ToyClassifier.open()) {
            return Prediction.fromLogits(toy.logits(List.of(text))[0], ToyClassifier.LABELS)
                    .probabilities();
        }
    }

    /** The scores of one answer in label order, checking they come best first. */
    private static float[] scores(JsonArray answer) {
        float[] scores = new float[ToyClassifier.LABELS.size()];
        float previous = Float.POSITIVE_INFINITY;
        for (JsonElement element : answer) {
            JsonObject entry = element.getAsJsonObject();
            float score = entry.get("score").getAsFloat();
            assertTrue(score <= previous, "best first: " + answer);
            previous = score;
            scores[ToyClassifier.LABELS.indexOf(entry.get("label").getAsString())] = score;
        }
        return scores;
    }

    @Test
    void aTextGetsItsLabelsBestFirstAndAListGetsAListOfThem() throws Exception {
        try (ClassifierServer server = ClassifierServer.start(ToyClassifier.open(), SMALL)) {
            Http http = new Http(server);
            HttpResponse<String> one = http.post("/predict", "{\"inputs\": \"tasty\"}");
            assertEquals(200, one.statusCode());
            assertEquals("application/json", one.headers().firstValue("Content-Type").get());
            assertTrue(
                    Arrays.equals(
                            probabilities("tasty"),
                            scores(JsonParser.parseString(one.body()).getAsJsonArray())));

            HttpResponse<String> two =
                    http.post("/predict", "{\"inputs\": [\"tasty\", \"stale and bland\"]}");
            JsonArray answers = JsonParser.parseString(two.body()).getAsJsonArray();
            assertEquals(2, answers.size());
            assertTrue(
                    Arrays.equals(
                            probabilities("stale and bland"),
                            scores(answers.get(1).getAsJsonArray())));
            assertEquals("0", two.headers().firstValue("X-Truncated-Texts").get());
        }
    }

    @Test
    void topKAndRawScoresAsHuggingFaceTakesThem() throws Exception {
        try (ClassifierServer server = ClassifierServer.start(ToyClassifier.open(), SMALL);
                ToyClassifier toy = ToyClassifier.open()) {
            Http http = new Http(server);
            JsonArray best =
                    JsonParser.parseString(
                                    http.post(
                                                    "/predict",
                                                    "{\"inputs\": \"tasty\", \"parameters\":"
                                                            + " {\"top_k\": 1}}")
                                            .body())
                            .getAsJsonArray();
            assertEquals(1, best.size());
            Prediction expected =
                    Prediction.fromLogits(toy.logits(List.of("tasty"))[0], toy.labels());
            assertEquals(
                    expected.label(), best.get(0).getAsJsonObject().get("label").getAsString());

            JsonArray raw =
                    JsonParser.parseString(
                                    http.post(
                                                    "/predict",
                                                    "{\"inputs\": \"tasty\", \"raw_scores\": true}")
                                            .body())
                            .getAsJsonArray();
            assertTrue(Arrays.equals(toy.logits(List.of("tasty"))[0], scores(raw)));
        }
    }

    @Test
    void aTextOverTheLimitIsCutAndCounted() throws Exception {
        String longText = "abcdefghij".repeat(3);
        try (ClassifierServer server = ClassifierServer.start(ToyClassifier.open(), SMALL)) {
            Http http = new Http(server);
            HttpResponse<String> response =
                    http.post("/predict", "{\"inputs\": [\"" + longText + "\", \"ok\"]}");
            assertEquals(200, response.statusCode());
            assertEquals("1", response.headers().firstValue("X-Truncated-Texts").get());
            JsonArray answers = JsonParser.parseString(response.body()).getAsJsonArray();
            assertTrue(
                    Arrays.equals(
                            probabilities(longText.substring(0, 20)),
                            scores(answers.get(0).getAsJsonArray())));
            assertTrue(
                    http.get("/metrics").body().contains("bert_distill_truncated_texts_total 1.0"));
        }
    }

    @Test
    void healthAndMetrics() throws Exception {
        try (ClassifierServer server = ClassifierServer.start(ToyClassifier.open(), SMALL)) {
            Http http = new Http(server);
            HttpResponse<String> health = http.get("/health");
            assertEquals(200, health.statusCode());
            JsonObject status = JsonParser.parseString(health.body()).getAsJsonObject();
            assertEquals("ok", status.get("status").getAsString());
            assertEquals(3, status.getAsJsonArray("labels").size());

            http.post("/predict", "{\"inputs\": [\"a\", \"b\", \"c\"]}");
            http.post("/predict", "{\"inputs\": 3}");
            String metrics = http.get("/metrics").body();
            assertTrue(
                    metrics.contains(
                            "bert_distill_requests_total{endpoint=\"/predict\",status=\"200\"}"
                                    + " 1.0"),
                    metrics);
            assertTrue(
                    metrics.contains(
                            "bert_distill_request_errors_total{endpoint=\"/predict\",status=\"400\"}"
                                + " 1.0"));
            assertTrue(metrics.contains("bert_distill_texts_total 3.0"));
            assertTrue(metrics.contains("bert_distill_batch_size_bucket{le=\"4.0\"} 1"));
            assertTrue(metrics.contains("bert_distill_request_duration_seconds_bucket{"));
            assertTrue(metrics.contains("bert_distill_queued_texts 0.0"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    not JSON                 | {"inputs": "a"        | body is not valid JSON
                    trailing data            | {"inputs": "a"} x     | body is not valid JSON
                    lenient JSON             | {inputs: 'a'}         | body is not valid JSON
                    not an object            | ["a"]                 | must be a JSON object
                    missing inputs           | {}                    | missing field 'inputs'
                    null inputs              | {"inputs": null}      | 'inputs' is null
                    an empty body            | ' '                   | the body is empty
                    inputs a number          | {"inputs": 3}         | 'inputs' must be a string
                    inputs an object         | {"inputs": {}}        | 'inputs' must be a string or a list
                    empty list               | {"inputs": []}        | empty list
                    a number in the list     | {"inputs": ["a", 2]}  | 'inputs[1]' must be a string
                    a blank text             | {"inputs": "  "}      | 'inputs' is empty or blank
                    too many texts           | {"inputs": ["a","b","c","d","e"]} | 5 texts, at most 4
                    unknown field            | {"inputs": "a", "top_k": 1} | unknown field 'top_k'
                    unknown parameter        | {"inputs": "a", "parameters": {"k": 1}} | unknown field 'parameters.k'
                    parameters not an object | {"inputs": "a", "parameters": 1} | 'parameters' must be an object
                    top_k zero               | {"inputs": "a", "parameters": {"top_k": 0}} | integer >= 1
                    top_k fractional         | {"inputs": "a", "parameters": {"top_k": 1.5}} | integer >= 1
                    top_k a string           | {"inputs": "a", "parameters": {"top_k": "2"}} | integer >= 1
                    raw_scores a string      | {"inputs": "a", "raw_scores": "yes"} | must be true or false
                    a key given twice        | {"inputs": "a", "inputs": "b"} | 'inputs' is given twice
                    a nested key twice       | {"inputs": "a", "parameters": {"top_k": 1, "top_k": 2}} | 'top_k' is given twice
                    """)
    void aBadRequestIsA400WithOneLineOfJson(String what, String body, String message)
            throws Exception {
        try (ClassifierServer server = ClassifierServer.start(ToyClassifier.open(), SMALL)) {
            assertError(new Http(server).post("/predict", body), 400, message);
        }
    }

    @Test
    void badBytesWrongPathsAndMethodsAndLargeBodies() throws Exception {
        try (ClassifierServer server = ClassifierServer.start(ToyClassifier.open(), SMALL)) {
            Http http = new Http(server);
            byte[] latin1 = {
                '{', '"', 'i', 'n', 'p', 'u', 't', 's', '"', ':', '"', (byte) 0xe9, '"', '}'
            };
            assertError(http.post("/predict", latin1), 400, "not valid UTF-8");
            assertError(
                    http.post(
                            "/predict", "{\"inputs\": " + "[".repeat(300) + "]".repeat(300) + "}"),
                    400,
                    "body nests JSON more than 255 levels deep (line 1, column 267)");
            assertError(http.get("/predict"), 405, "use POST /predict");
            assertError(http.post("/health", "{}"), 405, "use GET /health");
            assertError(http.get("/nothing"), 404, "no endpoint GET /nothing");
            String large = "{\"inputs\": \"" + "a".repeat(2000) + "\"}";
            assertError(http.post("/predict", large), 413, "at most 1000 allowed");
        }
    }

    /** Requests that queue while the model is busy go to it together, as one batch. */
    @Test
    void requestsWaitingForTheModelAreBatchedTogether() throws Exception {
        ToyClassifier toy = ToyClassifier.held();
        ServerConfig config =
                ServerConfig.builder().optPort(0).optMaxBatch(8).optBatchWindowMillis(0).build();
        try (ClassifierServer server = ClassifierServer.start(toy, config)) {
            Http http = new Http(server);
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            responses.add(http.postAsync("{\"inputs\": \"first\"}"));
            toy.awaitCall();
            for (int i = 0; i < 5; i++) {
                responses.add(http.postAsync("{\"inputs\": \"text " + i + "\"}"));
            }
            awaitQueued(http, 6);
            toy.release();
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertEquals(200, response.get().statusCode());
            }
            assertEquals(List.of(1, 5), toy.batchSizes());
        }
    }

    /**
     * A full queue refuses at once with 503 and {@code Retry-After: 1}, and admits again once it
     * has room.
     */
    @Test
    void overloadIsRefusedAtOnceNotQueued() throws Exception {
        ToyClassifier toy = ToyClassifier.held();
        ServerConfig config =
                ServerConfig.builder().optPort(0).optMaxTexts(3).optQueueCapacity(4).build();
        try (ClassifierServer server = ClassifierServer.start(toy, config)) {
            Http http = new Http(server);
            CompletableFuture<HttpResponse<String>> first = http.postAsync("{\"inputs\": \"a\"}");
            toy.awaitCall();
            CompletableFuture<HttpResponse<String>> second =
                    http.postAsync("{\"inputs\": [\"b\", \"c\", \"d\"]}");
            awaitQueued(http, 4);
            HttpResponse<String> refused = http.post("/predict", "{\"inputs\": \"e\"}");
            assertError(refused, 503, "overloaded");
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            toy.release();
            assertEquals(200, first.get().statusCode());
            assertEquals(200, second.get().statusCode());
            assertEquals(200, http.post("/predict", "{\"inputs\": \"e\"}").statusCode());
        }
    }

    /** A failing model answers its requests with 500 and keeps serving. */
    @Test
    void aModelFailureIsA500AndTheServerGoesOn() throws Exception {
        TextClassifier failing =
                new TextClassifier() {
                    @Override
                    public LabelSet labels() {
                        return ToyClassifier.LABELS;
                    }

                    @Override
                    public float[][] logits(List<String> texts) {
                        if (texts.contains("boom")) {
                            throw new IllegalStateException("native out of memory");
                        }
                        return new float[texts.size()][3];
                    }

                    @Override
                    public void close() {}
                };
        try (ClassifierServer server = ClassifierServer.start(failing, SMALL)) {
            Http http = new Http(server);
            assertError(
                    http.post("/predict", "{\"inputs\": \"boom\"}"),
                    500,
                    "the model failed: native out of memory");
            assertEquals(200, http.post("/predict", "{\"inputs\": \"fine\"}").statusCode());
        }
    }

    /**
     * A text longer than the model reads (the toy's encoder keeps 64 characters) is counted in
     * {@code bert_distill_model_truncated_texts_total}, apart from the server's own length limit.
     */
    @Test
    void textsTheModelCutsAreCounted() throws Exception {
        ServerConfig config = ServerConfig.builder().optPort(0).build();
        try (ClassifierServer server = ClassifierServer.start(ToyClassifier.open(), config)) {
            Http http = new Http(server);
            String body = "{\"inputs\": [\"short\", \"" + "a".repeat(100) + "\"]}";
            assertEquals(200, http.post("/predict", body).statusCode());
            String metrics = http.get("/metrics").body();
            assertTrue(metrics.contains("bert_distill_model_truncated_texts_total 1.0"), metrics);
            assertTrue(metrics.contains("bert_distill_truncated_texts_total 0.0"), metrics);
        }
    }

    @Test
    void theConfigIsCheckedAndFixedWhenBuilt() {
        ServerConfig.Builder builder = ServerConfig.builder().optMaxBatch(4);
        ServerConfig built = builder.build();
        builder.optMaxBatch(8);
        assertEquals(4, built.maxBatch());
        var error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ServerConfig.builder().optMaxBatch(0).build());
        assertEquals("maxBatch: must be >= 1, got 0", error.getMessage());
        assertEquals(
                "queueCapacity: must hold the most texts one request may send (64), got 2",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ServerConfig.builder().optQueueCapacity(2).build())
                        .getMessage());
        assertEquals(
                "requestSeconds: must be >= 1, got 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ServerConfig.builder().optRequestSeconds(0).build())
                        .getMessage());
        assertTrue(built.toString().contains("maxBatch=4, batchWindowMillis=2"), built.toString());
        assertTrue(built.toString().endsWith("requestSeconds=10}"), built.toString());
    }

    /** Polls {@code /metrics} until {@code count} texts are admitted and unanswered. */
    static void awaitQueued(Http http, int count) throws IOException, InterruptedException {
        String line = "bert_distill_queued_texts " + count + ".0";
        while (!http.get("/metrics").body().contains(line)) {
            Thread.sleep(5);
        }
    }

    static void assertError(HttpResponse<String> response, int status, String message) {
        assertEquals(status, response.statusCode(), response.body());
        assertFalse(response.body().contains("\n"), "one line: " + response.body());
        JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject();
        assertTrue(
                error.get("error").getAsString().contains(message),
                "expected '" + message + "' in " + response.body());
        assertTrue(error.has("error_type"));
    }
}

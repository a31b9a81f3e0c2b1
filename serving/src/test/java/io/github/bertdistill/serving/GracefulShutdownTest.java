package io.github.bertdistill.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Closing a busy server answers every request it admitted: the texts the model classified are
 * exactly the texts of the 200 answers the clients received, and every other request was refused
 * (503) or found the server gone, none hung.
 */
class GracefulShutdownTest {
    private static final int CLIENTS = 8;

    @Test
    void shutdownWhileBusyLosesNoAdmittedRequest() throws Exception {
        ToyClassifier toy = ToyClassifier.open();
        ServerConfig config =
                ServerConfig.builder().optPort(0).optMaxBatch(8).optBatchWindowMillis(1).build();
        AtomicInteger answeredTexts = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            ClassifierServer server = ClassifierServer.start(toy, config);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(
                        clients.submit(
                                () -> {
                                    Http http = new Http(server);
                                    while (true) {
                                        HttpResponse<String> response;
                                        try {
                                            response =
                                                    http.post(
                                                            "/predict",
                                                            "{\"inputs\": [\"tasty\", \"cheap\"]}");
                                        } catch (IOException gone) {
                                            return null;
                                        }
                                        if (response.statusCode() == 200) {
                                            answeredTexts.addAndGet(2);
                                        } else {
                                            assertEquals(503, response.statusCode());
                                            assertTrue(
                                                    response.body()
                                                            .contains(
                                                                    "\"error_type\":\"unavailable\""),
                                                    response.body());
                                            refused.incrementAndGet();
                                            return null;
                                        }
                                    }
                                }));
            }
            while (answeredTexts.get() < 400) {
                Thread.sleep(1);
            }
            server.close();
            for (Future<?> client : done) {
                client.get();
            }
        } finally {
            clients.shutdown();
        }
        int classified = toy.batchSizes().stream().mapToInt(Integer::intValue).sum();
        assertTrue(classified >= 400);
        assertEquals(classified, answeredTexts.get(), "every classified text reached its client");
    }

    /**
     * A shutdown out of time refuses what is still queued: with one request held in the model past
     * {@code shutdownSeconds}, the request queued behind it gets 503 at once instead of being
     * classified after its connection is closed, and the held one's batch is finished.
     */
    @Test
    void aShutdownOutOfTimeRefusesTheQueuedRequests() throws Exception {
        ToyClassifier toy = ToyClassifier.held();
        ServerConfig config =
                ServerConfig.builder().optPort(0).optMaxBatch(1).optShutdownSeconds(1).build();
        ClassifierServer server = ClassifierServer.start(toy, config);
        Http http = new Http(server);
        CompletableFuture<HttpResponse<String>> held = http.postAsync("{\"inputs\": \"first\"}");
        toy.awaitCall();
        CompletableFuture<HttpResponse<String>> queued = http.postAsync("{\"inputs\": \"second\"}");
        while (!http.get("/metrics").body().contains("bert_distill_queued_texts 2.0")) {
            Thread.sleep(1);
        }
        CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);

        HttpResponse<String> refused = queued.get();
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"error_type\":\"unavailable\""), refused.body());
        assertFalse(closed.isDone(), "close() returned with a batch in progress");
        toy.release();
        closed.get();
        // the model saw the held text only: the refused one was never classified
        assertEquals(List.of(1), toy.batchSizes());
        held.handle((response, error) -> null).get();
    }
}

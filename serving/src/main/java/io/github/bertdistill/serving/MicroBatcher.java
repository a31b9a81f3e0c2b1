package io.github.bertdistill.serving;

import io.github.bertdistill.core.model.BucketedInference;
import io.github.bertdistill.core.model.TextClassifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the texts of concurrent requests into batches for one classifier.
 *
 * <p>A request's texts are admitted only while fewer than {@code queueCapacity} texts wait
 * (otherwise {@link #submit} refuses at once with a {@link RequestRefused 503}: overload never
 * queues without bound). A worker takes the oldest request, then waits at most {@code window} for
 * more until it holds {@code maxBatch} texts, and classifies them with core's {@link
 * BucketedInference} (batches of at most {@code maxBatch} texts of similar length, so a request
 * larger than a batch is cut); each request gets its rows back. {@code maxBatch = 1} classifies
 * every text alone (no micro-batching).
 *
 * <p>{@link #close()} stops admitting, lets the workers answer everything admitted, and returns
 * when they have: no admitted request is dropped. {@link #refuseWaiting()} answers the requests no
 * worker has taken yet with a 503 instead, for a shutdown out of time.
 */
final class MicroBatcher implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(MicroBatcher.class);
    private static final long IDLE_POLL_MILLIS = 50;

    private final BucketedInference inference;
    private final int maxBatch;
    private final long windowNanos;
    private final int queueCapacity;
    private final ServerMetrics metrics;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private int queuedTexts;
    private boolean accepting = true;

    /** One request's texts and where their logits go. */
    private record Job(List<String> texts, CompletableFuture<float[][]> logits) {}

    MicroBatcher(TextClassifier classifier, ServerConfig config, ServerMetrics metrics) {
        this.inference = new BucketedInference(classifier, config.maxBatch());
        this.maxBatch = config.maxBatch();
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(config.batchWindowMillis());
        this.queueCapacity = config.queueCapacity();
        this.metrics = metrics;
        for (int i = 0; i < config.workers(); i++) {
            Thread worker = new Thread(this::work, "bert-distill-batcher-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Admits {@code texts} for classification.
     *
     * @return their logits, one row per text, when their batch is done
     * @throws RequestRefused 503 if the queue has no room for them or the batcher is closing
     */
    synchronized CompletableFuture<float[][]> submit(List<String> texts) {
        if (!accepting) {
            throw RequestRefused.shuttingDown();
        }
        if (queuedTexts + texts.size() > queueCapacity) {
            throw RequestRefused.overloaded(
                    "overloaded: "
                            + queuedTexts
                            + " texts are waiting (at most "
                            + queueCapacity
                            + "); retry later");
        }
        queuedTexts += texts.size();
        Job job = new Job(texts, new CompletableFuture<>());
        queue.add(job);
        return job.logits();
    }

    /** Texts admitted and not yet answered. */
    synchronized int queuedTexts() {
        return queuedTexts;
    }

    private synchronized void answered(int texts) {
        queuedTexts -= texts;
    }

    private synchronized boolean drained() {
        return !accepting && queue.isEmpty();
    }

    private void work() {
        try {
            while (!drained()) {
                Job first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    run(gather(first));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code first} and the requests that arrive within the window, up to a full batch. */
    private List<Job> gather(Job first) throws InterruptedException {
        List<Job> jobs = new ArrayList<>();
        jobs.add(first);
        int texts = first.texts().size();
        long deadline = System.nanoTime() + windowNanos;
        while (texts < maxBatch) {
            long wait = deadline - System.nanoTime();
            Job next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                break;
            }
            jobs.add(next);
            texts += next.texts().size();
        }
        return jobs;
    }

    private void run(List<Job> jobs) {
        List<String> texts = new ArrayList<>();
        for (Job job : jobs) {
            texts.addAll(job.texts());
        }
        try {
            float[][] logits =
                    inference.logits(
                            texts,
                            new BucketedInference.BatchListener() {
                                @Override
                                public void batchDone(int[] positions, float[][] rows) {
                                    metrics.batch(positions.length);
                                }

                                @Override
                                public void windowEncoded(int count, int truncated) {
                                    metrics.modelTruncated(truncated);
                                }
                            });
            int start = 0;
            for (Job job : jobs) {
                int end = start + job.texts().size();
                answered(job.texts().size());
                job.logits().complete(Arrays.copyOfRange(logits, start, end));
                start = end;
            }
        } catch (RuntimeException | Error e) {
            // every admitted request is answered, even when the model fails; the worker goes on
            logger.error("classifying a batch of {} texts failed", texts.size(), e);
            for (Job job : jobs) {
                answered(job.texts().size());
                job.logits().completeExceptionally(e);
            }
        }
    }

    /** What {@link #refuseWaiting()} refused: requests, and the texts in them. */
    record Refused(int requests, int texts) {}

    /**
     * Stops admitting and refuses (503, "shutting down") every admitted request no worker has taken
     * yet; the batches in progress go on.
     */
    Refused refuseWaiting() {
        List<Job> waiting = new ArrayList<>();
        synchronized (this) {
            accepting = false;
            queue.drainTo(waiting);
        }
        int texts = 0;
        for (Job job : waiting) {
            texts += job.texts().size();
            answered(job.texts().size());
            job.logits().completeExceptionally(RequestRefused.shuttingDown());
        }
        return new Refused(waiting.size(), texts);
    }

    /** Stops admitting and returns when every admitted request has been answered. */
    @Override
    public void close() {
        synchronized (this) {
            accepting = false;
        }
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.github.bertdistill.serving;

import static io.github.bertdistill.core.config.ConfigException.require;

import io.github.bertdistill.core.config.CheckedConfig;

/**
 * The settings of a {@link ClassifierServer}: where it listens, how it micro-batches and the limits
 * that keep one client from exhausting it. Built with {@link #builder()}; {@link Builder#build()}
 * checks every value ({@link io.github.bertdistill.core.config.ConfigException} naming the key).
 *
 * <table>
 *   <caption>Defaults and why</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>host</td><td>127.0.0.1</td><td>the address to listen on; {@code 0.0.0.0} for every
 *       interface</td></tr>
 *   <tr><td>port</td><td>8080</td><td>0 picks a free port</td></tr>
 *   <tr><td>maxBatch</td><td>32</td><td>texts per model call; 1 turns micro-batching off</td></tr>
 *   <tr><td>batchWindowMillis</td><td>2</td><td>how long a batch waits for more texts after its
 *       first; short against a student's ≈ 1 ms forward, so a lone request is barely delayed</td></tr>
 *   <tr><td>queueCapacity</td><td>1024</td><td>texts admitted and not yet answered; a request that
 *       does not fit is refused with 503 at once</td></tr>
 *   <tr><td>workers</td><td>1</td><td>batches run at the same time</td></tr>
 *   <tr><td>maxBodyBytes</td><td>1 MiB</td><td>larger bodies get 413</td></tr>
 *   <tr><td>maxTexts</td><td>64</td><td>texts per request; more is a 400</td></tr>
 *   <tr><td>maxTextChars</td><td>10,000</td><td>characters kept of a text; a longer one is cut
 *       and counted (header {@code X-Truncated-Texts}, metric), not refused</td></tr>
 *   <tr><td>httpThreads</td><td>64</td><td>requests handled at once (each waits for its batch)</td></tr>
 *   <tr><td>shutdownSeconds</td><td>30</td><td>how long a shutdown waits for requests in flight</td></tr>
 *   <tr><td>requestSeconds</td><td>10</td><td>how long a client may take to send a request, headers
 *       and body; a slower one is disconnected, so stalled clients cannot hold the handler threads
 *       (the JDK server's {@code sun.net.httpserver.maxReqTime}, which it reads once per JVM)</td></tr>
 * </table>
 */
public final class ServerConfig implements CheckedConfig {
    private String host = "127.0.0.1";
    private int port = 8080;
    private int maxBatch = 32;
    private int batchWindowMillis = 2;
    private int queueCapacity = 1024;
    private int workers = 1;
    private int maxBodyBytes = 1 << 20;
    private int maxTexts = 64;
    private int maxTextChars = 10_000;
    private int httpThreads = 64;
    private int shutdownSeconds = 30;
    private int requestSeconds = 10;

    private ServerConfig() {}

    private ServerConfig copy() {
        ServerConfig copy = new ServerConfig();
        copy.host = host;
        copy.port = port;
        copy.maxBatch = maxBatch;
        copy.batchWindowMillis = batchWindowMillis;
        copy.queueCapacity = queueCapacity;
        copy.workers = workers;
        copy.maxBodyBytes = maxBodyBytes;
        copy.maxTexts = maxTexts;
        copy.maxTextChars = maxTextChars;
        copy.httpThreads = httpThreads;
        copy.shutdownSeconds = shutdownSeconds;
        copy.requestSeconds = requestSeconds;
        return copy;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void check() {
        require(host != null && !host.isBlank(), "host", "must be an address or host name");
        require(port >= 0 && port <= 65_535, "port", "must be in [0, 65535], got %s", port);
        require(maxBatch >= 1, "maxBatch", "must be >= 1, got %s", maxBatch);
        require(
                batchWindowMillis >= 0,
                "batchWindowMillis",
                "must be >= 0, got %s",
                batchWindowMillis);
        require(
                queueCapacity >= maxTexts,
                "queueCapacity",
                "must hold the most texts one request may send (%s), got %s",
                maxTexts,
                queueCapacity);
        require(workers >= 1, "workers", "must be >= 1, got %s", workers);
        require(maxBodyBytes >= 64, "maxBodyBytes", "must be >= 64, got %s", maxBodyBytes);
        require(maxTexts >= 1, "maxTexts", "must be >= 1, got %s", maxTexts);
        require(maxTextChars >= 1, "maxTextChars", "must be >= 1, got %s", maxTextChars);
        require(httpThreads >= 1, "httpThreads", "must be >= 1, got %s", httpThreads);
        require(shutdownSeconds >= 0, "shutdownSeconds", "must be >= 0, got %s", shutdownSeconds);
        require(requestSeconds >= 1, "requestSeconds", "must be >= 1, got %s", requestSeconds);
    }

    /** The address to listen on. */
    public String host() {
        return host;
    }

    /** The TCP port (0: any free one). */
    public int port() {
        return port;
    }

    /** The most texts per model call. */
    public int maxBatch() {
        return maxBatch;
    }

    /** How long a batch waits for more texts after its first, in milliseconds. */
    public int batchWindowMillis() {
        return batchWindowMillis;
    }

    /** The most texts admitted and not yet answered. */
    public int queueCapacity() {
        return queueCapacity;
    }

    /** How many batches may run at once. */
    public int workers() {
        return workers;
    }

    /** The largest request body accepted, in bytes. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The most texts in one request. */
    public int maxTexts() {
        return maxTexts;
    }

    /** The most characters (code points) kept of one text. */
    public int maxTextChars() {
        return maxTextChars;
    }

    /** How many requests are handled at once. */
    public int httpThreads() {
        return httpThreads;
    }

    /** How long shutting down waits for requests in flight, in seconds. */
    public int shutdownSeconds() {
        return shutdownSeconds;
    }

    /** How long a client may take to send a whole request, in seconds. */
    public int requestSeconds() {
        return requestSeconds;
    }

    /** The settings as {@code key=value} pairs, for logs. */
    @Override
    public String toString() {
        return "ServerConfig{host="
                + host
                + ", port="
                + port
                + ", maxBatch="
                + maxBatch
                + ", batchWindowMillis="
                + batchWindowMillis
                + ", queueCapacity="
                + queueCapacity
                + ", workers="
                + workers
                + ", maxBodyBytes="
                + maxBodyBytes
                + ", maxTexts="
                + maxTexts
                + ", maxTextChars="
                + maxTextChars
                + ", httpThreads="
                + httpThreads
                + ", shutdownSeconds="
                + shutdownSeconds
                + ", requestSeconds="
                + requestSeconds
                + "}";
    }

    /** Builds a checked {@link ServerConfig}; every value is optional. */
    public static final class Builder {
        private final ServerConfig config = new ServerConfig();

        private Builder() {}

        /** See {@link ServerConfig#host()}. */
        public Builder optHost(String host) {
            config.host = host;
            return this;
        }

        /** See {@link ServerConfig#port()}. */
        public Builder optPort(int port) {
            config.port = port;
            return this;
        }

        /** See {@link ServerConfig#maxBatch()}. */
        public Builder optMaxBatch(int maxBatch) {
            config.maxBatch = maxBatch;
            return this;
        }

        /** See {@link ServerConfig#batchWindowMillis()}. */
        public Builder optBatchWindowMillis(int batchWindowMillis) {
            config.batchWindowMillis = batchWindowMillis;
            return this;
        }

        /** See {@link ServerConfig#queueCapacity()}. */
        public Builder optQueueCapacity(int queueCapacity) {
            config.queueCapacity = queueCapacity;
            return this;
        }

        /** See {@link ServerConfig#workers()}. */
        public Builder optWorkers(int workers) {
            config.workers = workers;
            return this;
        }

        /** See {@link ServerConfig#maxBodyBytes()}. */
        public Builder optMaxBodyBytes(int maxBodyBytes) {
            config.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** See {@link ServerConfig#maxTexts()}. */
        public Builder optMaxTexts(int maxTexts) {
            config.maxTexts = maxTexts;
            return this;
        }

        /** See {@link ServerConfig#maxTextChars()}. */
        public Builder optMaxTextChars(int maxTextChars) {
            config.maxTextChars = maxTextChars;
            return this;
        }

        /** See {@link ServerConfig#httpThreads()}. */
        public Builder optHttpThreads(int httpThreads) {
            config.httpThreads = httpThreads;
            return this;
        }

        /** See {@link ServerConfig#shutdownSeconds()}. */
        public Builder optShutdownSeconds(int shutdownSeconds) {
            config.shutdownSeconds = shutdownSeconds;
            return this;
        }

        /** See {@link ServerConfig#requestSeconds()}. */
        public Builder optRequestSeconds(int requestSeconds) {
            config.requestSeconds = requestSeconds;
            return this;
        }

        /**
         * The checked config (a copy: later calls on this builder do not change it).
         *
         * @throws io.github.bertdistill.core.config.ConfigException naming a value out of range
         */
        public ServerConfig build() {
            config.check();
            return config.copy();
        }
    }
}

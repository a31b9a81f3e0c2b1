package io.github.bertdistill.core.engine;

/**
 * PyTorch's two thread pools: intra-op threads (one operator split across cores) and inter-op
 * threads (independent operators in parallel). 0 keeps PyTorch's default, which on a 2-core machine
 * (2/2) measured best. They are read once, when the engine loads.
 *
 * @param intraOpThreads {@code ai.djl.pytorch.num_threads}, or 0 for the default
 * @param interOpThreads {@code ai.djl.pytorch.num_interop_threads}, or 0 for the default
 */
public record ThreadSettings(int intraOpThreads, int interOpThreads) {
    /** System property DJL reads for the intra-op thread count. */
    public static final String INTRA_OP_PROPERTY = "ai.djl.pytorch.num_threads";

    /** System property DJL reads for the inter-op thread count. */
    public static final String INTER_OP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    /** Validates the counts. */
    public ThreadSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException(
                    "thread counts must be >= 0 (0 = default), got "
                            + intraOpThreads
                            + "/"
                            + interOpThreads);
        }
    }

    /** PyTorch's defaults, unless the JVM was started with the DJL thread properties. */
    public static ThreadSettings fromSystemProperties() {
        return new ThreadSettings(
                Integer.getInteger(INTRA_OP_PROPERTY, 0), Integer.getInteger(INTER_OP_PROPERTY, 0));
    }

    /** {@code "intra=N inter=M"}, with "default" for 0. */
    public String describe() {
        return "intra-op=" + show(intraOpThreads) + " inter-op=" + show(interOpThreads);
    }

    private static String show(int threads) {
        return threads == 0 ? "default" : Integer.toString(threads);
    }
}

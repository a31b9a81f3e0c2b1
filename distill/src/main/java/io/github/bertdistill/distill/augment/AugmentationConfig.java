package io.github.bertdistill.distill.augment;

import static io.github.bertdistill.core.config.ConfigException.require;

/**
 * The settings of {@link Augmenter}, with Tang et al.'s (2019, §3.3) values as defaults.
 *
 * <p>For each token a number {@code X ~ U[0, 1)} is drawn: if {@code X < p_mask} the token becomes
 * the mask token; if {@code p_mask ≤ X < p_mask + p_replace} it becomes a random one of its
 * embedding neighbours (Tang's {@code p_pos}); otherwise it stays. Then, with probability {@code
 * p_ng}, the result is cut down to a random n-gram, {@code n ~ U{1, …, maxNgram}}. This is repeated
 * until {@code copies} distinct texts are found or {@code copies × maxAttemptsPerCopy} attempts are
 * spent. Defaults: {@code p_mask = p_replace = 0.1}, {@code p_ng = 0.25}, {@code maxNgram = 5},
 * {@code copies = 20} (Tang's {@code n_iter} for small data sets), mask token {@code [MASK]} (use
 * {@link #UNK} for Chinese), seed 0, 10 attempts per copy.
 *
 * <p>Texts of fewer than {@code minTokens} tokens (as {@link SimpleTokenizer} splits them: words,
 * punctuation marks, CJK characters) get no copies (default 0: every non-empty text). When the
 * training set is a treebank's phrases, as SST-2's 67,349 are, most of them are one to five words,
 * whose copies (one of two words masked, say) tell the student little; {@code minTokens = 6} copies
 * the longer phrases and the sentences.
 */
public final class AugmentationConfig {
    /** The mask token of English BERT vocabularies. */
    public static final String MASK = "[MASK]";

    /** The mask token to use for Chinese text. */
    public static final String UNK = "[UNK]";

    private final double maskProbability;
    private final double replaceProbability;
    private final double ngramProbability;
    private final int maxNgram;
    private final int copies;
    private final String maskToken;
    private final long seed;
    private final int maxAttemptsPerCopy;
    private final int minTokens;

    private AugmentationConfig(Builder builder) {
        this.maskProbability = builder.maskProbability;
        this.replaceProbability = builder.replaceProbability;
        this.ngramProbability = builder.ngramProbability;
        this.maxNgram = builder.maxNgram;
        this.copies = builder.copies;
        this.maskToken = builder.maskToken;
        this.seed = builder.seed;
        this.maxAttemptsPerCopy = builder.maxAttemptsPerCopy;
        this.minTokens = builder.minTokens;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code p_mask}: the probability that a token is masked. */
    public double maskProbability() {
        return maskProbability;
    }

    /** {@code p_replace} (Tang's {@code p_pos}): the probability that a word is replaced. */
    public double replaceProbability() {
        return replaceProbability;
    }

    /** {@code p_ng}: the probability that a copy is cut down to an n-gram. */
    public double ngramProbability() {
        return ngramProbability;
    }

    /** The largest n of n-gram sampling. */
    public int maxNgram() {
        return maxNgram;
    }

    /** The number of augmented copies wanted per example. */
    public int copies() {
        return copies;
    }

    /** The token that replaces a masked token. */
    public String maskToken() {
        return maskToken;
    }

    /** The seed that, with an example's id, determines its copies. */
    public long seed() {
        return seed;
    }

    /** Attempts per wanted copy before giving up on finding more distinct texts. */
    public int maxAttemptsPerCopy() {
        return maxAttemptsPerCopy;
    }

    /** Tokens a text needs to get copies. */
    public int minTokens() {
        return minTokens;
    }

    /** Settings of an {@link AugmentationConfig}. */
    public static final class Builder {
        private double maskProbability = 0.1;
        private double replaceProbability = 0.1;
        private double ngramProbability = 0.25;
        private int maxNgram = 5;
        private int copies = 20;
        private String maskToken = MASK;
        private long seed;
        private int maxAttemptsPerCopy = 10;
        private int minTokens;

        private Builder() {}

        /** {@code p_mask} (default 0.1). */
        public Builder optMaskProbability(double p) {
            this.maskProbability = probability(p, "maskProbability");
            return this;
        }

        /** {@code p_replace}, Tang's {@code p_pos} (default 0.1). */
        public Builder optReplaceProbability(double p) {
            this.replaceProbability = probability(p, "replaceProbability");
            return this;
        }

        /** {@code p_ng} (default 0.25). */
        public Builder optNgramProbability(double p) {
            this.ngramProbability = probability(p, "ngramProbability");
            return this;
        }

        /** The largest n of n-gram sampling (default 5). */
        public Builder optMaxNgram(int maxNgram) {
            require(maxNgram > 0, "maxNgram", "must be > 0, got %s", maxNgram);
            this.maxNgram = maxNgram;
            return this;
        }

        /** Augmented copies wanted per example (default 20). */
        public Builder optCopies(int copies) {
            require(copies >= 0, "copies", "must be >= 0, got %s", copies);
            this.copies = copies;
            return this;
        }

        /** The mask token (default {@link #MASK}; {@link #UNK} for Chinese). */
        public Builder optMaskToken(String maskToken) {
            require(maskToken != null && !maskToken.isBlank(), "maskToken", "must not be blank");
            this.maskToken = maskToken;
            return this;
        }

        /** The seed (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Attempts per wanted copy (default 10). */
        public Builder optMaxAttemptsPerCopy(int attempts) {
            require(attempts > 0, "maxAttemptsPerCopy", "must be > 0, got %s", attempts);
            this.maxAttemptsPerCopy = attempts;
            return this;
        }

        /** Tokens a text needs to get copies (default 0: every non-empty text). */
        public Builder optMinTokens(int minTokens) {
            require(minTokens >= 0, "minTokens", "must be >= 0, got %s", minTokens);
            this.minTokens = minTokens;
            return this;
        }

        private static double probability(double p, String key) {
            require(p >= 0 && p <= 1, key, "must be in [0, 1], got %s", p);
            return p;
        }

        /**
         * The config.
         *
         * @throws IllegalArgumentException if {@code p_mask + p_replace > 1}
         */
        public AugmentationConfig build() {
            require(
                    maskProbability + replaceProbability <= 1,
                    "replaceProbability",
                    "maskProbability + replaceProbability must not exceed 1, got %s + %s",
                    maskProbability,
                    replaceProbability);
            return new AugmentationConfig(this);
        }
    }
}

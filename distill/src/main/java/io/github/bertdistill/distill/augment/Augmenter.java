package io.github.bertdistill.distill.augment;

import com.google.common.collect.Iterables;
import com.google.common.hash.Hashing;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.distill.augment.SimpleTokenizer.Token;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Makes augmented copies of examples for the distillation transfer set, following Tang et al. 2019,
 * "Distilling Task-Specific Knowledge from BERT into Simple Neural Networks", §3.3: masking, word
 * replacement and n-gram sampling on {@link SimpleTokenizer} tokens, with the probabilities of
 * {@link AugmentationConfig}. Word replacement uses {@link EmbeddingNeighbours} in place of Tang's
 * part-of-speech tags.
 *
 * <p><b>Output.</b> Copy {@code k} of example {@code id} is an unlabelled example with the id
 * {@code id#augk} (k = 0, 1, …): augmented texts carry only the teacher's soft targets. Copies are
 * distinct from each other and from the source text (compared after {@link
 * SimpleTokenizer#detokenize}); fewer than {@code copies} are returned when a short text has fewer
 * distinct variants (see {@link AugmentationConfig#maxAttemptsPerCopy()}).
 *
 * <p><b>Never empty, never only masks.</b> A candidate is dropped unless it keeps at least one
 * unmasked word, a token with a letter or digit: an empty, all-mask or punctuation-only text (such
 * as the 1-gram {@code "!"}) tells the student nothing about its source, and the teacher's output
 * on it is the same whatever the source. A source without any word (blank, or only punctuation)
 * therefore gets no copies.
 *
 * <p><b>Deterministic.</b> The copies of an example depend only on the config (its seed included),
 * the neighbours and the example's id and text: each example has its own {@link Random} seeded with
 * the first 8 bytes of {@code SHA-256(seed, id)}. The output therefore does not depend on the order
 * in which examples are processed or on threading. Instances are immutable and safe to share
 * between threads.
 */
public final class Augmenter {
    private final AugmentationConfig config;
    private final EmbeddingNeighbours neighbours;

    /** An augmenter replacing words by {@code neighbours}. */
    public Augmenter(AugmentationConfig config, EmbeddingNeighbours neighbours) {
        this.config = Objects.requireNonNull(config, "config");
        this.neighbours = Objects.requireNonNull(neighbours, "neighbours");
    }

    /** An augmenter without word replacement (masking and n-gram sampling only). */
    public Augmenter(AugmentationConfig config) {
        this(config, EmbeddingNeighbours.none());
    }

    /** The augmented copies of {@code source}, in the order they were found. */
    public List<TextExample> augment(TextExample source) {
        List<Token> tokens = SimpleTokenizer.tokenize(source.text());
        List<TextExample> copies = new ArrayList<>(config.copies());
        if (!isCopied(tokens)) {
            return copies;
        }
        Set<String> seen = new HashSet<>();
        seen.add(source.text());
        seen.add(SimpleTokenizer.detokenize(tokens));
        Random random = new Random(seedFor(source.id()));
        long attempts = (long) config.copies() * config.maxAttemptsPerCopy();
        for (long a = 0; a < attempts && copies.size() < config.copies(); a++) {
            List<Token> candidate = sample(tokens, random);
            String text = SimpleTokenizer.detokenize(candidate);
            if (isInformative(candidate) && seen.add(text)) {
                copies.add(TextExample.unlabelled(source.id() + "#aug" + copies.size(), text));
            }
        }
        return copies;
    }

    /**
     * Asks the neighbours of every word of {@code sources} at once ({@link
     * EmbeddingNeighbours#neighboursOfAll}), so that augmenting them finds every answer ready: a
     * search answers a batch faster than word by word ({@link CosineNeighbours} runs it on several
     * threads). The copies are the same with or without this call. Asks nothing when no word can be
     * replaced (no copies, or a replacement probability of 0).
     */
    public void prepare(Iterable<TextExample> sources) {
        if (config.copies() == 0 || config.replaceProbability() == 0) {
            return;
        }
        Set<String> words = new LinkedHashSet<>();
        for (TextExample source : sources) {
            List<Token> tokens = SimpleTokenizer.tokenize(source.text());
            if (isCopied(tokens)) {
                tokens.forEach(token -> words.add(token.text()));
            }
        }
        neighbours.neighboursOfAll(words);
    }

    /** The copies of every source, lazily, source by source. */
    public Iterable<TextExample> augmentAll(Iterable<TextExample> sources) {
        return Iterables.concat(Iterables.transform(sources, this::augment));
    }

    /** Whether a text of these tokens gets copies: not empty, and at least {@code minTokens}. */
    private boolean isCopied(List<Token> tokens) {
        return !tokens.isEmpty() && tokens.size() >= config.minTokens();
    }

    private long seedFor(String id) {
        return Hashing.sha256()
                .newHasher()
                .putLong(config.seed())
                .putString(id, StandardCharsets.UTF_8)
                .hash()
                .asLong();
    }

    private List<Token> sample(List<Token> tokens, Random random) {
        List<Token> out = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            double x = random.nextDouble();
            if (x < config.maskProbability()) {
                out.add(token.withText(config.maskToken()));
            } else if (x < config.maskProbability() + config.replaceProbability()) {
                out.add(replace(token, random));
            } else {
                out.add(token);
            }
        }
        return random.nextDouble() < config.ngramProbability() ? ngram(out, random) : out;
    }

    private Token replace(Token token, Random random) {
        List<String> options = neighbours.neighbours(token.text());
        return options.isEmpty()
                ? token
                : token.withText(options.get(random.nextInt(options.size())));
    }

    private List<Token> ngram(List<Token> tokens, Random random) {
        int n = 1 + random.nextInt(config.maxNgram());
        if (n >= tokens.size()) {
            return tokens;
        }
        int start = random.nextInt(tokens.size() - n + 1);
        return tokens.subList(start, start + n);
    }

    private boolean isInformative(List<Token> tokens) {
        return tokens.stream()
                .anyMatch(
                        t ->
                                !t.text().equals(config.maskToken())
                                        && t.text()
                                                .codePoints()
                                                .anyMatch(Character::isLetterOrDigit));
    }
}

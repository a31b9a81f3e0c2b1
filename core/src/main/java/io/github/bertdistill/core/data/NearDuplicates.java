package io.github.bertdistill.core.data;

import io.github.bertdistill.core.text.CharClasses;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A set of texts that also recognises their near-duplicates: the same text with other spacing,
 * punctuation, letter case or character widths, a truncated copy, or a copy with something
 * appended. It keeps dev and test texts out of a transfer set built from a scraped corpus, where
 * such copies are common: 697 of ChnSentiCorp's 778 test reviews occur in the online-shopping
 * corpus's hotel reviews, only 544 of them character for character (the others differ in spaces, a
 * cut-off end or a site footer).
 *
 * <p><b>The rule.</b> A text is first {@linkplain #normalise normalised}: Unicode NFKC, lower case,
 * letters, digits and combining marks only (a text with none keeps its folded, stripped self). Two
 * texts are near-duplicates when their normalised forms are equal, or when one starts with the
 * other and the shorter has at least {@value #MIN_PREFIX_LENGTH} code points. The length floor
 * keeps a short phrase from matching every sentence that starts with it ("the movie" and "the movie
 * is great" are not near-duplicates); a long question and the same question with more appended are
 * ("what is the capital of France" and "… of France's neighbour"), which errs on the side of
 * leaving a text out.
 *
 * <p>Every text added is kept, even one that matched an earlier text: matching is not transitive (a
 * test text {@code T} matches a training text {@code T + footer}, and {@code T + other ending}
 * matches {@code T} but not {@code T + footer}), so dropping {@code T} would let its other copies
 * through.
 *
 * <p>Lookups hash the normalised form and its first {@value #MIN_PREFIX_LENGTH} code points, so
 * {@link #add} and {@link #contains} take time proportional to the text's length and the number of
 * stored texts that share its start (many texts with one long common start, such as a template,
 * make this slow). Not thread-safe.
 */
public final class NearDuplicates {
    /**
     * The fewest code points a normalised text needs for its copies with more appended to match.
     */
    public static final int MIN_PREFIX_LENGTH = 20;

    private final Set<String> normalised = new HashSet<>();
    private final Map<String, List<String>> byStart = new HashMap<>();

    /**
     * Adds {@code text}; like {@link Set#add}, says whether it was new.
     *
     * @return true if it is not a near-duplicate of a text added before
     */
    public boolean add(String text) {
        String key = normalise(text);
        String start = start(key);
        boolean isNew = !matches(key, start);
        if (normalised.add(key) && start != null) {
            byStart.computeIfAbsent(start, k -> new ArrayList<>()).add(key);
        }
        return isNew;
    }

    /** Adds every text of {@code texts}. */
    public void addAll(Iterable<String> texts) {
        texts.forEach(this::add);
    }

    /** Whether {@code text} is a near-duplicate of a text added. */
    public boolean contains(String text) {
        String key = normalise(text);
        return matches(key, start(key));
    }

    /** Whether {@code key}, whose {@link #start} is {@code start}, matches a stored key. */
    private boolean matches(String key, String start) {
        if (normalised.contains(key)) {
            return true;
        }
        if (start == null) {
            return false;
        }
        for (String stored : byStart.getOrDefault(start, List.of())) {
            if (key.startsWith(stored) || stored.startsWith(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first {@value #MIN_PREFIX_LENGTH} code points of {@code key}, or null if it is shorter.
     */
    private static String start(String key) {
        if (key.codePointCount(0, key.length()) < MIN_PREFIX_LENGTH) {
            return null;
        }
        return key.substring(0, key.offsetByCodePoints(0, MIN_PREFIX_LENGTH));
    }

    /**
     * The form texts are compared in: Unicode NFKC (full-width letters and digits become ASCII),
     * lower case, letters, digits and combining marks (so Hindi "कि" and "का" stay apart); a text
     * without any keeps its folded, {@linkplain String#strip stripped} self, so ":)" and "!!!" stay
     * apart while ":)" and its full-width form do not.
     */
    public static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(c -> Character.isLetterOrDigit(c) || CharClasses.isMark(c))
                .forEach(kept::appendCodePoint);
        return kept.isEmpty() ? folded.strip() : kept.toString();
    }
}

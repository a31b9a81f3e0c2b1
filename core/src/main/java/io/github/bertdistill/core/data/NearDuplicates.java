package io.github.bertdistill.core.data;

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
 * letters and digits only (a text with none keeps its stripped self). Two texts are near-duplicates
 * when their normalised forms are equal, or when one starts with the other and the shorter has at
 * least {@value #MIN_PREFIX_LENGTH} letters and digits. The length floor keeps a short phrase from
 * matching every sentence that starts with it ("the movie" and "the movie is great" are not
 * near-duplicates); two long questions that share their first 20 letters and digits are, which errs
 * on the side of leaving a text out.
 *
 * <p>Lookups hash the normalised form and its first {@value #MIN_PREFIX_LENGTH} characters, so
 * {@link #add} and {@link #contains} take time proportional to the text's length and the number of
 * stored texts that share its start. Not thread-safe.
 */
public final class NearDuplicates {
    /** The fewest letters and digits a text needs for its copies with more appended to match. */
    public static final int MIN_PREFIX_LENGTH = 20;

    private final Set<String> normalised = new HashSet<>();
    private final Map<String, List<String>> byStart = new HashMap<>();

    /**
     * Adds {@code text} unless it is a near-duplicate of a text added before, like {@link Set#add}.
     *
     * @return true if it was added, false if it is a near-duplicate of an earlier text
     */
    public boolean add(String text) {
        String key = normalise(text);
        if (matches(key)) {
            return false;
        }
        normalised.add(key);
        if (key.length() >= MIN_PREFIX_LENGTH) {
            byStart.computeIfAbsent(key.substring(0, MIN_PREFIX_LENGTH), k -> new ArrayList<>())
                    .add(key);
        }
        return true;
    }

    /** Adds every text of {@code texts}. */
    public void addAll(Iterable<String> texts) {
        texts.forEach(this::add);
    }

    /** Whether {@code text} is a near-duplicate of a text added. */
    public boolean contains(String text) {
        return matches(normalise(text));
    }

    private boolean matches(String key) {
        if (normalised.contains(key)) {
            return true;
        }
        if (key.length() < MIN_PREFIX_LENGTH) {
            return false;
        }
        for (String stored : byStart.getOrDefault(key.substring(0, MIN_PREFIX_LENGTH), List.of())) {
            if (key.startsWith(stored) || stored.startsWith(key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The form texts are compared in: Unicode NFKC (full-width letters and digits become ASCII),
     * lower case, letters and digits only; a text without any keeps its {@linkplain String#strip
     * stripped} self, so ":)" and "!!!" stay apart.
     */
    public static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(folded.length());
        folded.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        return kept.isEmpty() ? text.strip() : kept.toString();
    }
}

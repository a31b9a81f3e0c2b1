package io.github.bertdistill.distill.augment;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words that can stand in for a word during augmentation.
 *
 * <p>Tang et al. (2019, §3.3) replace a word by another word with the same part-of-speech tag. No
 * POS tagger is available here, so the stand-in is the word's nearest neighbours in the teacher's
 * word-embedding space ({@link CosineNeighbours}): words used in similar contexts, which mostly
 * share the part of speech and often the meaning (note that antonyms such as good/bad are often
 * close too, which is acceptable because augmented texts carry only the teacher's soft targets).
 */
@FunctionalInterface
public interface EmbeddingNeighbours {

    /**
     * Candidate replacements for {@code word}, most similar first, never {@code word} itself.
     *
     * @return an empty list if the word is unknown or has no usable neighbour
     */
    List<String> neighbours(String word);

    /**
     * The neighbours of each of {@code words}, as {@link #neighbours(String)} answers them. A
     * search may answer many words at once faster than one by one ({@link CosineNeighbours} does so
     * on several threads); this default asks word by word.
     *
     * @return every one of {@code words} mapped to its neighbours
     */
    default Map<String, List<String>> neighboursOfAll(Collection<String> words) {
        Map<String, List<String>> answers = new HashMap<>();
        for (String word : words) {
            answers.computeIfAbsent(word, this::neighbours);
        }
        return answers;
    }

    /** No neighbours for any word: replacement then leaves every word as it is. */
    static EmbeddingNeighbours none() {
        return word -> List.of();
    }
}

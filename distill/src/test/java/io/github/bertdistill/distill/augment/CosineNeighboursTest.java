package io.github.bertdistill.distill.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CosineNeighboursTest {
    static final List<String> VOCABULARY =
            List.of("[MASK]", "good", "great", "fine", "bad", "awful", "##ing", "movie", "film");
    static final float[][] EMBEDDINGS = {
        {0, 0, 9}, // [MASK]
        {1, 0.1f, 0}, // good
        {1, 0.2f, 0}, // great
        {1, 0.5f, 0}, // fine
        {-1, 0.1f, 0}, // bad
        {-1, 0.2f, 0}, // awful
        {1, 0.1f, 0.01f}, // ##ing: as close to good as can be, but a word piece
        {0, 1, 0.1f}, // movie
        {0, 1, 0.2f}, // film
    };

    static CosineNeighbours neighbours(int k) {
        return CosineNeighbours.builder()
                .setVocabulary(VOCABULARY)
                .setEmbeddings(EMBEDDINGS)
                .optTopK(k)
                .optLowerCase(true)
                .build();
    }

    @Test
    void returnsTheMostSimilarPlainWordsBestFirst() {
        CosineNeighbours neighbours = neighbours(2);
        assertEquals(List.of("great", "fine"), neighbours.neighbours("good"));
        assertEquals(List.of("bad", "movie"), neighbours.neighbours("awful"));
        assertEquals(List.of("film", "fine"), neighbours.neighbours("Movie"));
    }

    @Test
    void unknownWordsWordPiecesAndSpecialTokensHaveNoNeighbours() {
        CosineNeighbours neighbours = neighbours(3);
        assertEquals(List.of(), neighbours.neighbours("popcorn"));
        assertEquals(List.of(), neighbours.neighbours("##ing"));
        assertEquals(List.of(), neighbours.neighbours("[MASK]"));
    }

    /**
     * 701 random rows of width 19: several query and candidate blocks, neither a multiple of the
     * kernel's tile. Rows 101–109 and 301–309 repeat rows 1–9 (exact ties) and rows 201–209 are
     * them times 3; row 0 is all zeros; every 50th entry is a word piece.
     */
    static final List<String> RANDOM_WORDS =
            IntStream.range(0, 701).mapToObj(i -> (i % 50 == 7 ? "##p" : "w") + i).toList();

    static final float[][] RANDOM_ROWS = randomRows();

    private static float[][] randomRows() {
        Random random = new Random(3);
        float[][] rows = new float[701][19];
        for (int i = 1; i < rows.length; i++) {
            for (int j = 0; j < 19; j++) {
                rows[i][j] = (float) random.nextGaussian();
            }
        }
        for (int i = 1; i < 10; i++) {
            rows[100 + i] = rows[i].clone();
            rows[300 + i] = rows[i].clone();
            for (int j = 0; j < 19; j++) {
                rows[200 + i][j] = 3 * rows[i][j];
            }
        }
        return rows;
    }

    private static CosineNeighbours random(int threads) {
        return CosineNeighbours.builder()
                .setVocabulary(RANDOM_WORDS)
                .setEmbeddings(RANDOM_ROWS)
                .optTopK(7)
                .optThreads(threads)
                .build();
    }

    /** The definition, pair by pair: cosine of the normalised rows, best first, ties by index. */
    private static List<String> bruteForce(int query) {
        float[][] unit = new float[RANDOM_ROWS.length][19];
        for (int i = 0; i < unit.length; i++) {
            double norm = Math.sqrt(dot(RANDOM_ROWS[i], RANDOM_ROWS[i]));
            for (int j = 0; j < 19; j++) {
                unit[i][j] = norm > 0 ? (float) (RANDOM_ROWS[i][j] / norm) : 0f;
            }
        }
        return IntStream.range(0, unit.length)
                .filter(i -> i != query && CosineNeighbours.isPlainWord(RANDOM_WORDS.get(i)))
                .boxed()
                .sorted(
                        Comparator.comparingDouble((Integer i) -> -dot(unit[query], unit[i]))
                                .thenComparing(i -> i))
                .limit(7)
                .map(RANDOM_WORDS::get)
                .toList();
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    @Test
    void answersAreThoseOfThePairByPairDefinitionTiesIncluded() {
        Map<String, List<String>> all = random(2).neighboursOfAll(RANDOM_WORDS);

        for (int query : new int[] {0, 1, 2, 9, 101, 203, 350, 699, 700}) {
            String word = RANDOM_WORDS.get(query);
            List<String> expected = bruteForce(query);
            assertEquals(expected, all.get(word), word);
            assertEquals(expected, random(1).neighbours(word), word);
        }
        List<String> ofW2 = all.get("w2");
        assertEquals(ofW2.indexOf("w102") + 1, ofW2.indexOf("w302"), "a tie goes by index");
        assertEquals(List.of(), all.get("##p57"));
        assertEquals(701, all.size());
    }

    @Test
    void oneThreadAndSeveralGiveTheSameAnswers() {
        assertEquals(
                random(1).neighboursOfAll(RANDOM_WORDS), random(3).neighboursOfAll(RANDOM_WORDS));
    }

    @Test
    void rejectsAMatrixOfTheWrongSize() {
        assertThrows(
                IllegalStateException.class,
                () ->
                        CosineNeighbours.builder()
                                .setVocabulary(List.of("a", "b"))
                                .setEmbeddings(new float[][] {{1, 2}})
                                .build());
    }
}

package io.github.bertdistill.distill.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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

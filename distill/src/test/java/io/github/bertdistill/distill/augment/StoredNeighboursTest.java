package io.github.bertdistill.distill.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredNeighboursTest {
    @TempDir Path folder;

    /** A search that answers "WORD-1 WORD-2" (nothing for "zzz") and records every question. */
    private final List<String> asked = new ArrayList<>();

    private final EmbeddingNeighbours search =
            word -> {
                asked.add(word);
                return word.equals("zzz") ? List.of() : List.of(word + "-1", word + "-2");
            };

    @Test
    void answersAreSearchedOnceAndReadBackUnderTheSameStamp() throws Exception {
        Path file = folder.resolve("neighbours.tsv");
        StoredNeighbours first = StoredNeighbours.open(file, "teacher A, k=2", search);
        assertEquals(List.of("good-1", "good-2"), first.neighbours("good"));
        assertEquals(List.of(), first.neighbours("zzz"));
        assertEquals(List.of("good-1", "good-2"), first.neighbours("good"));
        assertEquals(List.of("good", "zzz"), asked);
        first.save();
        assertEquals(
                List.of("# teacher A, k=2", "good\tgood-1 good-2", "zzz\t"),
                Files.readAllLines(file));

        asked.clear();
        StoredNeighbours again = StoredNeighbours.open(file, "teacher A, k=2", search);
        assertEquals(List.of("good-1", "good-2"), again.neighbours("good"));
        assertEquals(List.of(), again.neighbours("zzz"));
        assertEquals(List.of(), asked, "nothing is searched again");
        assertEquals(2, again.size());
    }

    @Test
    void anotherStampIsNeverUsed() throws Exception {
        Path file = folder.resolve("neighbours.tsv");
        Files.writeString(file, "# teacher A, k=2\ngood\tstale answer\n");

        StoredNeighbours other = StoredNeighbours.open(file, "teacher B, k=2", search);

        assertEquals(List.of("good-1", "good-2"), other.neighbours("good"));
        other.save();
        assertEquals("# teacher B, k=2", Files.readAllLines(file).get(0));
    }

    @Test
    void aDamagedFileIsSearchedAgain() throws Exception {
        Path file = folder.resolve("neighbours.tsv");
        Files.writeString(file, "# s\ngood\tbetter\nno tab on this line\n");

        StoredNeighbours read = StoredNeighbours.open(file, "s", search);

        assertEquals(List.of("good-1", "good-2"), read.neighbours("good"));
        assertEquals(List.of("good"), asked);
    }

    @Test
    void nothingIsWrittenWhenNothingWasSearched() throws Exception {
        Path file = folder.resolve("sub/neighbours.tsv");
        StoredNeighbours empty = StoredNeighbours.open(file, "s", search);
        empty.save();
        assertFalse(Files.exists(file));
        assertThrows(
                IllegalArgumentException.class,
                () -> StoredNeighbours.open(file, "two\nlines", search));
    }

    @Test
    void aBatchSearchesOnlyTheWordsWithoutAnAnswerInOneCall() throws Exception {
        Path file = folder.resolve("neighbours.tsv");
        Files.writeString(file, "# s\ngood\tstored\n");
        List<List<String>> batches = new ArrayList<>();
        EmbeddingNeighbours batchSearch =
                new EmbeddingNeighbours() {
                    @Override
                    public List<String> neighbours(String word) {
                        return search.neighbours(word);
                    }

                    @Override
                    public Map<String, List<String>> neighboursOfAll(Collection<String> words) {
                        batches.add(List.copyOf(words));
                        return EmbeddingNeighbours.super.neighboursOfAll(words);
                    }
                };
        StoredNeighbours stored = StoredNeighbours.open(file, "s", batchSearch);

        assertEquals(
                Map.of(
                        "good", List.of("stored"),
                        "bad", List.of("bad-1", "bad-2"),
                        "zzz", List.of()),
                stored.neighboursOfAll(List.of("good", "bad", "zzz")));
        assertEquals(List.of(List.of("bad", "zzz")), batches);
        assertEquals(List.of("bad-1", "bad-2"), stored.neighbours("bad"));
        assertEquals(List.of("bad", "zzz"), asked, "each word is searched once");
        stored.save();
        assertEquals(
                List.of("# s", "bad\tbad-1 bad-2", "good\tstored", "zzz\t"),
                Files.readAllLines(file));
    }

    @Test
    void wordsWithWhitespaceAreAnsweredButNotStored() throws Exception {
        Path file = folder.resolve("neighbours.tsv");
        StoredNeighbours stored = StoredNeighbours.open(file, "s", search);
        assertEquals(List.of("a b-1", "a b-2"), stored.neighbours("a b"));
        stored.neighbours("ok");
        stored.save();
        assertEquals(List.of("# s", "ok\tok-1 ok-2"), Files.readAllLines(file));
    }
}

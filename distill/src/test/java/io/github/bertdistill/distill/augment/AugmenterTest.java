package io.github.bertdistill.distill.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.distill.augment.SimpleTokenizer.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class AugmenterTest {
    private static final List<TextExample> SOURCES =
            List.of(
                    TextExample.labelled("a", "a good movie , really good", "pos"),
                    TextExample.labelled("b", "an awful film!", "neg"),
                    TextExample.labelled("c", "fine", "pos"),
                    TextExample.labelled("d", "?!", "neg"),
                    TextExample.labelled("e", "   ", "neg"),
                    TextExample.labelled("f", "这部电影很好看", "pos"),
                    TextExample.labelled("g", "the film was good but far too long", "pos"));

    private static AugmentationConfig.Builder config() {
        return AugmentationConfig.builder().optSeed(11).optCopies(8);
    }

    private static Map<String, String> augmentAll(Augmenter augmenter, List<TextExample> sources) {
        return StreamSupport.stream(augmenter.augmentAll(sources).spliterator(), false)
                .collect(Collectors.toMap(TextExample::id, TextExample::text));
    }

    @Test
    void isDeterministicAndIndependentOfOrder() {
        Augmenter augmenter = new Augmenter(config().build(), CosineNeighboursTest.neighbours(3));
        List<TextExample> reversed = new ArrayList<>(SOURCES);
        Collections.reverse(reversed);

        Map<String, String> first = augmentAll(augmenter, SOURCES);
        Map<String, String> again =
                augmentAll(
                        new Augmenter(config().build(), CosineNeighboursTest.neighbours(3)),
                        reversed);
        Map<String, String> otherSeed =
                augmentAll(
                        new Augmenter(
                                config().optSeed(12).build(), CosineNeighboursTest.neighbours(3)),
                        SOURCES);

        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
        assertEquals(8, augmenter.augment(SOURCES.get(6)).size());
    }

    @Test
    void neverEmitsAnEmptyAllMaskDuplicateOrLabelledCopy() {
        for (double pMask : new double[] {0.1, 0.5, 0.9, 1.0}) {
            Augmenter augmenter =
                    new Augmenter(
                            config().optMaskProbability(pMask)
                                    .optReplaceProbability(1 - pMask)
                                    .optNgramProbability(0.5)
                                    .build(),
                            CosineNeighboursTest.neighbours(3));
            for (TextExample source : SOURCES) {
                List<TextExample> copies = augmenter.augment(source);
                Set<String> texts = new HashSet<>();
                for (int k = 0; k < copies.size(); k++) {
                    TextExample copy = copies.get(k);
                    assertEquals(source.id() + "#aug" + k, copy.id());
                    assertFalse(copy.isLabelled());
                    assertFalse(copy.text().isBlank(), copy.toString());
                    assertTrue(
                            SimpleTokenizer.tokenize(copy.text()).stream()
                                    .anyMatch(
                                            t ->
                                                    !t.text().equals(AugmentationConfig.MASK)
                                                            && Character.isLetterOrDigit(
                                                                    t.text().codePointAt(0))),
                            copy.toString());
                    assertNotEquals(source.text(), copy.text());
                    assertTrue(texts.add(copy.text()), copy.toString());
                }
            }
        }
    }

    @Test
    void aSourceWithoutWordsGetsNoCopies() {
        Augmenter augmenter = new Augmenter(config().build());
        assertEquals(List.of(), augmenter.augment(SOURCES.get(3)));
        assertEquals(List.of(), augmenter.augment(SOURCES.get(4)));
    }

    @Test
    void onlyTextsOfAtLeastMinTokensGetCopiesAndTheirsAreUnchanged() {
        // tokens: "a good movie , really good" 6, "an awful film!" 4, "这部电影很好看" 7
        AugmentationConfig six = config().optMinTokens(6).build();
        Map<String, String> all = augmentAll(new Augmenter(config().build()), SOURCES);

        Map<String, String> long6 = augmentAll(new Augmenter(six), SOURCES);

        Set<String> copied =
                long6.keySet().stream().map(id -> id.split("#")[0]).collect(Collectors.toSet());
        assertEquals(Set.of("a", "f", "g"), copied);
        for (Map.Entry<String, String> copy : long6.entrySet()) {
            assertEquals(all.get(copy.getKey()), copy.getValue(), copy.getKey());
        }
        assertEquals(
                List.of(), new Augmenter(config().optMinTokens(7).build()).augment(SOURCES.get(0)));
        RecordingNeighbours recording = new RecordingNeighbours();
        new Augmenter(six, recording).prepare(SOURCES);
        assertFalse(recording.batches.get(0).contains("awful"), "no copies, no neighbours asked");
        assertTrue(recording.batches.get(0).contains("movie"));
    }

    @Test
    void minTokensMustNotBeNegative() {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> AugmentationConfig.builder().optMinTokens(-1));
        assertTrue(error.getMessage().contains("minTokens"), error.getMessage());
    }

    @Test
    void masksChineseCharactersWithTheConfiguredTokenAndNoSpaces() {
        Augmenter augmenter =
                new Augmenter(
                        config().optMaskToken(AugmentationConfig.UNK)
                                .optMaskProbability(0.3)
                                .optNgramProbability(0)
                                .build());
        List<TextExample> copies = augmenter.augment(SOURCES.get(5));

        assertEquals(8, copies.size());
        for (TextExample copy : copies) {
            assertTrue(copy.text().contains("[UNK]"), copy.text());
            assertFalse(copy.text().contains(" "), copy.text());
            assertEquals(7, SimpleTokenizer.tokenize(copy.text()).size(), copy.text());
        }
    }

    @Test
    void replacesWordsOnlyByTheirEmbeddingNeighbours() {
        Augmenter augmenter =
                new Augmenter(
                        config().optMaskProbability(0)
                                .optReplaceProbability(1)
                                .optNgramProbability(0)
                                .build(),
                        CosineNeighboursTest.neighbours(2));
        Set<String> texts =
                augmenter.augment(SOURCES.get(1)).stream()
                        .map(TextExample::text)
                        .collect(Collectors.toSet());

        // "an" has no neighbours; awful → {bad, movie}; film → {movie, fine}; "!" stays.
        assertEquals(
                Set.of("an bad movie!", "an bad fine!", "an movie movie!", "an movie fine!"),
                texts);
    }

    @Test
    void ngramSamplingKeepsAContiguousRunOfAtMostMaxTokens() {
        TextExample source = SOURCES.get(6);
        List<String> words =
                SimpleTokenizer.tokenize(source.text()).stream().map(Token::text).toList();
        Augmenter augmenter =
                new Augmenter(
                        config().optMaskProbability(0)
                                .optReplaceProbability(0)
                                .optNgramProbability(1)
                                .optMaxNgram(3)
                                .build());
        List<TextExample> copies = augmenter.augment(source);

        assertEquals(8, copies.size());
        for (TextExample copy : copies) {
            List<String> gram =
                    SimpleTokenizer.tokenize(copy.text()).stream().map(Token::text).toList();
            assertTrue(gram.size() <= 3, copy.text());
            assertTrue(Collections.indexOfSubList(words, gram) >= 0, copy.text());
        }
    }

    /** Answers like {@link CosineNeighboursTest#neighbours}, recording every batch it is asked. */
    private static final class RecordingNeighbours implements EmbeddingNeighbours {
        final CosineNeighbours search = CosineNeighboursTest.neighbours(3);
        final List<Set<String>> batches = new ArrayList<>();

        @Override
        public List<String> neighbours(String word) {
            return search.neighbours(word);
        }

        @Override
        public Map<String, List<String>> neighboursOfAll(Collection<String> words) {
            batches.add(Set.copyOf(words));
            return search.neighboursOfAll(words);
        }
    }

    @Test
    void prepareAsksEveryWordOnceInOneBatchAndChangesNoCopy() {
        RecordingNeighbours recording = new RecordingNeighbours();
        Augmenter prepared = new Augmenter(config().build(), recording);

        prepared.prepare(SOURCES);

        assertEquals(1, recording.batches.size());
        Set<String> batch = recording.batches.get(0);
        assertEquals(
                SOURCES.stream()
                        .flatMap(s -> SimpleTokenizer.tokenize(s.text()).stream())
                        .map(Token::text)
                        .collect(Collectors.toSet()),
                batch);
        assertTrue(batch.containsAll(List.of("awful", "film", "!", "这")), batch.toString());
        assertEquals(
                augmentAll(
                        new Augmenter(config().build(), CosineNeighboursTest.neighbours(3)),
                        SOURCES),
                augmentAll(prepared, SOURCES));
    }

    @Test
    void prepareAsksNothingWhenNoWordCanBeReplaced() {
        RecordingNeighbours recording = new RecordingNeighbours();

        new Augmenter(config().optCopies(0).build(), recording).prepare(SOURCES);
        new Augmenter(config().optReplaceProbability(0).build(), recording).prepare(SOURCES);

        assertEquals(List.of(), recording.batches);
    }

    @Test
    void copiesAreStreamedLazily() {
        Augmenter augmenter = new Augmenter(config().optCopies(2).build());
        Iterable<TextExample> endless =
                () ->
                        Stream.iterate(0, i -> i + 1)
                                .map(i -> TextExample.unlabelled("x" + i, "text number " + i))
                                .iterator();
        TextExample first = augmenter.augmentAll(endless).iterator().next();
        assertEquals("x0#aug0", first.id());
    }
}

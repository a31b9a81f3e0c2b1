package io.github.bertdistill.distill.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferSetTest {
    private static final TextDataset TRAIN =
            TextDataset.of(
                    "toy/train",
                    List.of(
                            TextExample.labelled("1", "a good movie", "pos"),
                            TextExample.labelled("2", "a bad movie", "neg")));

    @Test
    void keepsTheLabelledOriginalsFirstAndAddsUnlabelledCopies() {
        Augmenter augmenter =
                new Augmenter(AugmentationConfig.builder().optCopies(3).optSeed(5).build());

        TextDataset transfer =
                TransferSet.builder().setTrainingSet(TRAIN).setAugmenter(augmenter).build();

        assertEquals("toy/train+aug", transfer.name());
        assertEquals(TRAIN.examples(), transfer.examples().subList(0, 2));
        assertEquals(
                augmenter.augment(TRAIN.get(0)).size() + augmenter.augment(TRAIN.get(1)).size() + 2,
                transfer.size());
        assertTrue(transfer.size() > 2);
        transfer.examples().subList(2, transfer.size()).forEach(e -> assertFalse(e.isLabelled()));
    }

    @Test
    void putsTheUnlabelledTextAndItsCopiesAfterTheTrainingSetsCopies() {
        TextDataset unlabelled =
                TextDataset.of(
                        "toy/unlabelled",
                        List.of(
                                TextExample.unlabelled("u1", "an ordinary movie"),
                                TextExample.unlabelled("u2", "a movie about a dog")));
        Augmenter augmenter =
                new Augmenter(AugmentationConfig.builder().optCopies(3).optSeed(5).build());
        TextDataset alone =
                TransferSet.builder().setTrainingSet(TRAIN).setAugmenter(augmenter).build();

        TextDataset transfer =
                TransferSet.builder()
                        .setTrainingSet(TRAIN)
                        .optUnlabelled(unlabelled)
                        .setAugmenter(augmenter)
                        .build();

        assertEquals(alone.examples(), transfer.examples().subList(0, alone.size()));
        List<TextExample> added = transfer.examples().subList(alone.size(), transfer.size());
        assertEquals(unlabelled.examples(), added.subList(0, 2));
        assertEquals(
                augmenter.augment(unlabelled.get(0)).size()
                        + augmenter.augment(unlabelled.get(1)).size(),
                added.size() - 2);
        assertTrue(added.size() > 2);
        added.forEach(e -> assertFalse(e.isLabelled()));
    }

    @Test
    void augmentsTheUnlabelledTextWithItsOwnAugmenter() {
        TextDataset unlabelled =
                TextDataset.of(
                        "toy/unlabelled",
                        List.of(TextExample.unlabelled("u1", "a movie about a dog and a cat")));
        Augmenter augmenter =
                new Augmenter(AugmentationConfig.builder().optCopies(3).optSeed(5).build());
        Augmenter oneCopy =
                new Augmenter(AugmentationConfig.builder().optCopies(1).optSeed(5).build());
        Augmenter none = new Augmenter(AugmentationConfig.builder().optCopies(0).build());
        TextDataset alone =
                TransferSet.builder().setTrainingSet(TRAIN).setAugmenter(augmenter).build();

        TextDataset withOne =
                TransferSet.builder()
                        .setTrainingSet(TRAIN)
                        .setAugmenter(augmenter)
                        .optUnlabelled(unlabelled)
                        .optUnlabelledAugmenter(oneCopy)
                        .build();
        TextDataset withNone =
                TransferSet.builder()
                        .setTrainingSet(TRAIN)
                        .setAugmenter(augmenter)
                        .optUnlabelled(unlabelled)
                        .optUnlabelledAugmenter(none)
                        .build();

        assertEquals(alone.examples(), withOne.examples().subList(0, alone.size()));
        assertEquals(
                List.of(unlabelled.get(0), augmenter.augment(unlabelled.get(0)).get(0)),
                withOne.examples().subList(alone.size(), withOne.size()));
        assertEquals(
                List.of(unlabelled.get(0)),
                withNone.examples().subList(alone.size(), withNone.size()));
    }

    @Test
    void copiesTheAugmentationSourceInsteadOfTheTrainingSet() {
        // Like SST-2 trained on phrases: the labelled phrases, copies of the whole sentences.
        TextDataset sentences =
                TextDataset.of(
                        "toy/sentences",
                        List.of(
                                TextExample.unlabelled(
                                        "s1", "a good movie with a bad ending and a fine cast")));
        Augmenter augmenter =
                new Augmenter(AugmentationConfig.builder().optCopies(4).optSeed(5).build());

        TextDataset transfer =
                TransferSet.builder()
                        .setTrainingSet(TRAIN)
                        .optAugmentationSource(sentences)
                        .setAugmenter(augmenter)
                        .build();

        assertEquals(TRAIN.examples(), transfer.examples().subList(0, 2));
        assertEquals(
                augmenter.augment(sentences.get(0)),
                transfer.examples().subList(2, transfer.size()));
        assertTrue(transfer.size() > 2);
        transfer.examples()
                .subList(2, transfer.size())
                .forEach(copy -> assertTrue(copy.id().startsWith("s1#aug"), copy.id()));
    }

    @Test
    void refusesAnAugmentationSourceThatCarriesLabels() {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TransferSet.builder().optAugmentationSource(TRAIN));
        assertTrue(error.getMessage().contains("toy/train"), error.getMessage());
    }

    @Test
    void refusesUnlabelledTextThatCarriesLabels() {
        IllegalArgumentException error =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TransferSet.builder().optUnlabelled(TRAIN));
        assertTrue(error.getMessage().contains("toy/train"), error.getMessage());
    }
}

package io.github.bertdistill.distill.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferSetTest {
    @Test
    void keepsTheLabelledOriginalsFirstAndAddsUnlabelledCopies() {
        TextDataset train =
                TextDataset.of(
                        "toy/train",
                        List.of(
                                TextExample.labelled("1", "a good movie", "pos"),
                                TextExample.labelled("2", "a bad movie", "neg")));
        Augmenter augmenter =
                new Augmenter(AugmentationConfig.builder().optCopies(3).optSeed(5).build());

        TextDataset transfer =
                TransferSet.builder().setTrainingSet(train).setAugmenter(augmenter).build();

        assertEquals("toy/train+aug", transfer.name());
        assertEquals(train.examples(), transfer.examples().subList(0, 2));
        assertEquals(
                augmenter.augment(train.get(0)).size() + augmenter.augment(train.get(1)).size() + 2,
                transfer.size());
        assertTrue(transfer.size() > 2);
        transfer.examples().subList(2, transfer.size()).forEach(e -> assertFalse(e.isLabelled()));
    }
}

package io.github.bertdistill.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextDatasetTest {
    private static final TextExample A = TextExample.labelled("a", "good", "pos");
    private static final TextExample B = TextExample.labelled("b", "bad", "neg");
    private static final TextExample C = TextExample.unlabelled("c", "so-so");

    @Test
    void fingerprintDependsOnContentNotName() {
        TextDataset one = TextDataset.of("one", List.of(A, B));
        TextDataset two = TextDataset.of("two", List.of(A, B));
        TextDataset swapped = TextDataset.of("one", List.of(B, A));
        TextDataset relabelled =
                TextDataset.of("one", List.of(A, TextExample.labelled("b", "bad", "pos")));

        assertEquals(one.fingerprint(), two.fingerprint());
        assertNotEquals(one.fingerprint(), swapped.fingerprint());
        assertNotEquals(one.fingerprint(), relabelled.fingerprint());
        assertEquals(64, one.fingerprint().length());
    }

    @Test
    void fingerprintSeparatesFieldBoundaries() {
        TextDataset left = TextDataset.of("d", List.of(TextExample.unlabelled("ab", "c")));
        TextDataset right = TextDataset.of("d", List.of(TextExample.unlabelled("a", "bc")));
        assertNotEquals(left.fingerprint(), right.fingerprint());
    }

    @Test
    void rejectsDuplicateIds() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TextDataset.of("d", List.of(A, TextExample.unlabelled("a", "x"))));
        assertEquals("dataset 'd' has the example id 'a' twice", e.getMessage());
    }

    @Test
    void mapsLabelsToIndicesAndNamesTheFirstProblem() {
        TextDataset labelled = TextDataset.of("d", List.of(A, B));
        LabelSet labels = labelled.inferLabelSet();
        assertEquals(List.of("neg", "pos"), labels.names());
        assertArrayEquals(new int[] {1, 0}, labelled.labelIndices(labels));
        assertTrue(labelled.isFullyLabelled());

        TextDataset mixed = TextDataset.of("d", List.of(A, C));
        assertFalse(mixed.isFullyLabelled());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> mixed.labelIndices(labels));
        assertEquals("example 'c' in dataset 'd' has no label", e.getMessage());
        IllegalArgumentException unknown =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> labelled.labelIndices(LabelSet.of("pos")));
        assertEquals(
                "example 'b' in dataset 'd' has label 'neg', which is not in [pos]",
                unknown.getMessage());
    }
}

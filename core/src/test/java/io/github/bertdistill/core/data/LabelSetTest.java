package io.github.bertdistill.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelSetTest {

    @Test
    void infersNumericLabelsInNumericOrder() {
        LabelSet labels = LabelSet.inferFrom(List.of("10", "2", "0", "2"));
        assertEquals(List.of("0", "2", "10"), labels.names());
        assertEquals(2, labels.indexOf("10"));
    }

    @Test
    void infersNamesInLexicographicOrder() {
        assertEquals(
                List.of("great", "other"), LabelSet.inferFrom(List.of("other", "great")).names());
    }

    @Test
    void aLabelGivenTwiceIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LabelSet.of("a", "b", "a"));
        assertEquals("label 'a' is given twice (at 0 and 2): [a, b, a]", e.getMessage());
    }

    @Test
    void roundTripsThroughJson() {
        LabelSet labels = LabelSet.of("负面", "正面", "neutral");
        assertEquals(labels, LabelSet.fromJson(labels.toJson()));
    }

    @Test
    void unknownLabelNamesTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> LabelSet.of("neg", "pos").indexOf("x"));
        assertEquals("label 'x' is not in the label set [neg, pos]", e.getMessage());
    }

    @Test
    void rejectsDuplicatesAndBadJson() {
        assertThrows(IllegalArgumentException.class, () -> LabelSet.of("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> LabelSet.fromJson("[\"a\"]"));
        assertThrows(IllegalArgumentException.class, () -> LabelSet.fromJson("{\"labels\": "));
    }
}

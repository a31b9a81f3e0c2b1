package io.github.bertdistill.eval.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.eval.FakeClassifier;
import io.github.bertdistill.eval.Fixtures;
import org.junit.jupiter.api.Test;

class QualityEvaluatorTest {
    private final QualityEvaluator evaluator = QualityEvaluator.builder().optBatchSize(4).build();
    private final TextDataset dataset = Fixtures.dataset(10);
    private final int[] gold = dataset.labelIndices(Fixtures.LABELS);

    @Test
    void predictsEveryTextAcrossBatches() {
        Predictions predictions =
                evaluator.predict(
                        FakeClassifier.instant(Fixtures.LABELS, Fixtures::gold), dataset.texts());

        assertArrayEquals(gold, predictions.predicted());
        assertEquals(10, predictions.probabilities().length);
    }

    @Test
    void scoresAgainstGoldAndTeacher() {
        Predictions teacher =
                evaluator.predict(
                        FakeClassifier.instant(Fixtures.LABELS, Fixtures::gold), dataset.texts());
        // Wrong on texts 0, 5: 0 is gold "neg" anyway, 5 (gold "pos") becomes "neg": 9 of 10 right.
        Predictions student =
                evaluator.predict(
                        FakeClassifier.instant(Fixtures.LABELS, t -> Fixtures.wrongEvery(t, 5)),
                        dataset.texts());

        QualityResult result = evaluator.score(student, gold, Fixtures.LABELS, teacher);

        assertEquals(0.9, result.accuracy().estimate(), 1e-12);
        assertTrue(result.accuracy().lower() <= 0.9 && result.accuracy().upper() >= 0.9);
        assertEquals(0.9, result.agreementWithTeacher().orElseThrow(), 1e-12);
        assertEquals(3, result.perClass().size());
        assertEquals(1, result.confusion()[2][0]);
        assertTrue(result.expectedCalibrationError() > 0);
        assertTrue(
                evaluator
                        .score(teacher, gold, Fixtures.LABELS, null)
                        .agreementWithTeacher()
                        .isEmpty());
    }
}

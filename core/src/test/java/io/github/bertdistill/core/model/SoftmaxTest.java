package io.github.bertdistill.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bertdistill.core.data.LabelSet;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Test
    void matchesHandComputedValues() {
        // exp(0)=1, exp(ln 3)=3 -> [0.25, 0.75]
        assertArrayEquals(
                new float[] {0.25f, 0.75f},
                Softmax.softmax(new float[] {0f, (float) Math.log(3)}, 1f),
                1e-6f);
        // at T = 2: exp(0)=1, exp(ln 9 / 2)=3 -> [0.25, 0.75]
        assertArrayEquals(
                new float[] {0.25f, 0.75f},
                Softmax.softmax(new float[] {0f, (float) Math.log(9)}, 2f),
                1e-6f);
    }

    @Test
    void staysFiniteForHugeLogits() {
        float[] p = Softmax.softmax(new float[] {1e30f, -1e30f, 1e30f}, 1f);
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, p, 1e-6f);
    }

    @Test
    void rejectsNonPositiveTemperature() {
        assertThrows(IllegalArgumentException.class, () -> Softmax.softmax(new float[] {1}, 0f));
    }

    @Test
    void predictionTakesTheArgMaxAtTemperatureOne() {
        Prediction p = Prediction.fromLogits(new float[] {0f, 2f, 1f}, LabelSet.of("a", "b", "c"));
        assertEquals(1, p.index());
        assertEquals("b", p.label());
        float z = (float) (1 + Math.exp(2) + Math.exp(1));
        assertEquals((float) Math.exp(2) / z, p.confidence(), 1e-6f);
    }

    @Test
    void predictionRejectsAWrongNumberOfLogits() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Prediction.fromLogits(new float[] {1f}, LabelSet.of("a", "b")));
        assertEquals("got 1 logits for 2 labels [a, b]", e.getMessage());
    }
}

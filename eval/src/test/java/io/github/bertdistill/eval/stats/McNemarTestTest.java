package io.github.bertdistill.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bertdistill.eval.stats.McNemarTest.Method;
import io.github.bertdistill.eval.stats.McNemarTest.Result;
import org.junit.jupiter.api.Test;

class McNemarTestTest {

    @Test
    void fewDiscordantPairsUseTheExactBinomialTest() {
        // n = 10: P(X <= 2) = (1 + 10 + 45) / 1024, two-sided p = 112 / 1024.
        Result result = McNemarTest.fromDiscordantPairs(2, 8);

        assertEquals(Method.EXACT_BINOMIAL, result.method());
        assertEquals(2, result.statistic());
        assertEquals(0.109375, result.pValue(), 1e-12);
    }

    @Test
    void exactTestJustBelowTheThreshold() {
        // n = 15, min = 3: 2 * (1 + 15 + 105 + 455) / 2^15.
        Result result = McNemarTest.fromDiscordantPairs(12, 3);
        assertEquals(Method.EXACT_BINOMIAL, result.method());
        assertEquals(0.03515625, result.pValue(), 1e-12);
    }

    @Test
    void manyDiscordantPairsUseTheCorrectedChiSquaredTest() {
        // (|30 - 10| - 1)^2 / 40 = 9.025; p = erfc(sqrt(9.025 / 2)).
        Result result = McNemarTest.fromDiscordantPairs(30, 10);

        assertEquals(Method.CHI_SQUARED_CONTINUITY_CORRECTED, result.method());
        assertEquals(9.025, result.statistic(), 1e-12);
        assertEquals(0.002663119259138554, result.pValue(), 1e-9);
    }

    @Test
    void equalDiscordantCountsGiveP1() {
        assertEquals(1, McNemarTest.fromDiscordantPairs(0, 0).pValue());
        assertEquals(1, McNemarTest.fromDiscordantPairs(5, 5).pValue(), 1e-12);
        assertEquals(1, McNemarTest.fromDiscordantPairs(20, 20).pValue(), 1e-12);
    }

    @Test
    void countsDiscordantPairsFromCorrectness() {
        boolean[] a = {true, true, false, false, true};
        boolean[] b = {true, false, true, false, false};

        Result result = McNemarTest.compare(a, b);

        assertEquals(2, result.b());
        assertEquals(1, result.c());
        // n = 3, min = 1: 2 * (1 + 3) / 8 = 1.
        assertEquals(1, result.pValue(), 1e-12);
    }
}

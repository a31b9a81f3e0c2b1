package io.github.bertdistill.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void aSmallModelsSizeIsNotZero() {
        assertEquals("87.0 MiB", Format.mebibytes(OptionalLong.of(87L * 1024 * 1024)));
        assertEquals("0.1 MiB", Format.mebibytes(OptionalLong.of(60_000)));
        assertEquals("39.1 KiB", Format.mebibytes(OptionalLong.of(40_000)));
        assertEquals("0.0 MiB", Format.mebibytes(OptionalLong.of(0)));
        assertEquals("–", Format.mebibytes(OptionalLong.empty()));
    }
}

package io.github.bertdistill.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuDescriptionTest {
    /** The first processor of an AVX2-only "AMD EPYC" VM, abridged, then the second's. */
    private static final List<String> ZEN3_VM =
            List.of(
                    "processor\t: 0",
                    "vendor_id\t: AuthenticAMD",
                    "cpu family\t: 25",
                    "model\t\t: 1",
                    "model name\t: AMD EPYC",
                    "flags\t\t: fpu sse sse2 avx fma avx2 bmi2 sha_ni vaes",
                    "",
                    "processor\t: 1",
                    "cpu family\t: 99",
                    "model\t\t: 98",
                    "model name\t: Another CPU",
                    "flags\t\t: fpu avx512f",
                    "");

    @Test
    void namesTheFamilyModelAndWidestVectorExtensionOfTheFirstProcessor() {
        assertEquals(
                Optional.of("AMD EPYC (family 25, model 1; AVX2)"),
                CpuDescription.describe(ZEN3_VM));
    }

    @Test
    void tellsApartTwoMachinesWithTheSameModelName() {
        // A flag listed twice is read as once.
        List<String> zen4 =
                List.of(
                        "cpu family\t: 25",
                        "model\t\t: 17",
                        "model name\t: AMD EPYC",
                        "flags\t\t: avx avx2 avx512f avx512bw avx2");
        assertEquals(
                Optional.of("AMD EPYC (family 25, model 17; AVX-512)"),
                CpuDescription.describe(zen4));
    }

    @Test
    void readsArmFeaturesAndLeavesOutWhatTheKernelDoesNotGive() {
        List<String> arm = List.of("model name\t: Neoverse-N1", "Features\t: fp asimd crc32");
        assertEquals(Optional.of("Neoverse-N1 (NEON)"), CpuDescription.describe(arm));
        assertEquals(
                Optional.of("Some CPU"), CpuDescription.describe(List.of("model name : Some CPU")));
    }

    @Test
    void hasNoDescriptionWithoutAModelName() {
        assertEquals(
                Optional.empty(),
                CpuDescription.describe(List.of("", "processor\t: 0", "flags\t\t: avx2")));
        assertEquals(Optional.empty(), CpuDescription.describe(List.of()));
    }
}

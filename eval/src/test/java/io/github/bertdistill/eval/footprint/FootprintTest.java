package io.github.bertdistill.eval.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.model.BlockTextClassifier;
import io.github.bertdistill.eval.FakeClassifier;
import io.github.bertdistill.eval.Fixtures;
import io.github.bertdistill.eval.TinyTrainableClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FootprintTest {

    @Test
    void countsTheScalarsOfEveryBlockParameter() {
        try (BlockTextClassifier tiny = TinyTrainableClassifier.create(Fixtures.LABELS)) {
            // Dense 4 -> 3: a 3 x 4 weight and 3 biases.
            assertEquals(15, Footprint.countParameters(tiny).orElseThrow());
        }
    }

    @Test
    void parametersOfAnOpaqueClassifierAreUnknown() {
        assertTrue(
                Footprint.countParameters(FakeClassifier.instant(Fixtures.LABELS, t -> 0))
                        .isEmpty());
    }

    @Test
    void bytesOnDiskSumsEveryFileOfTheFolder(@TempDir Path folder) throws Exception {
        Files.write(folder.resolve("weights.params"), new byte[1000]);
        Files.createDirectories(folder.resolve("vocab"));
        Files.write(folder.resolve("vocab/words.txt"), new byte[234]);

        assertEquals(1234, Footprint.bytesOnDisk(folder));
    }

    @Test
    void residentMemoryIsReadFromProc() {
        long resident = MemoryProbe.residentBytes().orElseThrow();
        long peak = MemoryProbe.peakResidentBytes().orElseThrow();

        assertTrue(resident > 1024 * 1024, "a JVM is larger than 1 MiB: " + resident);
        assertTrue(peak >= resident);
    }
}

package io.github.bertdistill.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.bertdistill.core.data.LabelSet;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadOptionsTest {
    @Test
    void defaults() {
        ReadOptions options = ReadOptions.defaults();

        assertEquals(StandardCharsets.UTF_8, options.charset());
        assertEquals(ErrorPolicy.FAIL_FAST, options.errorPolicy());
        assertEquals(Optional.empty(), options.labelSet());
        assertEquals(5, options.maxReportedErrors());
        assertEquals(Optional.empty(), options.datasetName());
    }

    @Test
    void builderSetsEveryOption() {
        ReadOptions options =
                ReadOptions.builder()
                        .optCharset(StandardCharsets.ISO_8859_1)
                        .optErrorPolicy(ErrorPolicy.SKIP_BAD_ROWS)
                        .optLabelSet(LabelSet.of("neg", "pos"))
                        .optMaxReportedErrors(0)
                        .optDatasetName("sst2/dev")
                        .build();

        assertEquals(StandardCharsets.ISO_8859_1, options.charset());
        assertEquals(ErrorPolicy.SKIP_BAD_ROWS, options.errorPolicy());
        assertEquals(Optional.of(LabelSet.of("neg", "pos")), options.labelSet());
        assertEquals(0, options.maxReportedErrors());
        assertEquals(Optional.of("sst2/dev"), options.datasetName());
    }

    @Test
    void rejectsNegativeErrorCountAndBlankName() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ReadOptions.builder().optMaxReportedErrors(-1));
        assertThrows(
                IllegalArgumentException.class, () -> ReadOptions.builder().optDatasetName(" "));
    }
}

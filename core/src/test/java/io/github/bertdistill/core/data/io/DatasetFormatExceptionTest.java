package io.github.bertdistill.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatasetFormatExceptionTest {
    @Test
    void messageNamesFileLineAndField() {
        DatasetFormatException e =
                new DatasetFormatException(
                        Path.of("data", "train.csv"),
                        17,
                        "label",
                        "label 'x' is not in the label set [neg, pos]");

        assertEquals(
                Path.of("data", "train.csv")
                        + ":17: field 'label': label 'x' is not in the label set [neg, pos]",
                e.getMessage());
        assertEquals(Optional.of("label"), e.field());
        assertEquals(17, e.line());
    }

    @Test
    void messageWithoutField() {
        DatasetFormatException e =
                new DatasetFormatException(Path.of("a.txt"), 3, null, "blank line");

        assertEquals("a.txt:3: blank line", e.getMessage());
        assertEquals(Optional.empty(), e.field());
        assertEquals("blank line", e.reason());
    }
}

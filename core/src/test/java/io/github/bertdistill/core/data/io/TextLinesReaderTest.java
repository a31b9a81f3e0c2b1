package io.github.bertdistill.core.data.io;

import static io.github.bertdistill.core.data.io.Fixtures.assertFormatError;
import static io.github.bertdistill.core.data.io.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLinesReaderTest {
    @TempDir Path dir;

    private final TextLinesReader reader = TextLinesReader.create();

    @Test
    void readsEachWholeLineAsAnUnlabelledText() throws Exception {
        Path file =
                write(dir, "more.txt", "0 is part of the text .\n  indented, kept as it is\n\n");

        TextDataset dataset = reader.readDataset(file);

        assertEquals(
                List.of(
                        TextExample.unlabelled("more.txt:1", "0 is part of the text ."),
                        TextExample.unlabelled("more.txt:2", "  indented, kept as it is")),
                dataset.examples());
    }

    @Test
    void rejectsABlankLineBeforeTheLastRecord() throws Exception {
        Path file = write(dir, "more.txt", "a\n\nb\n");

        DatasetFormatException e = assertFormatError(file, 2, null, () -> reader.read(file));

        assertEquals("blank line", e.reason());
    }
}

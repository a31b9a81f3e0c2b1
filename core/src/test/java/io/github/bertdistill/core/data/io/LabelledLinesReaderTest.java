package io.github.bertdistill.core.data.io;

import static io.github.bertdistill.core.data.io.Fixtures.SKIP;
import static io.github.bertdistill.core.data.io.Fixtures.assertFormatError;
import static io.github.bertdistill.core.data.io.Fixtures.write;
import static io.github.bertdistill.core.data.io.Fixtures.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledLinesReaderTest {
    private static final byte[] LATIN1_E_ACUTE = {(byte) 0xE9};

    @TempDir Path dir;

    private final LabelledLinesReader reader = LabelledLinesReader.create();

    @Test
    void readsLabelThenText() throws Exception {
        Path file =
                write(dir, "train.txt", "0 one long string of cliches .\n1 a gorgeous movie .\n");

        TextDataset dataset = reader.readDataset(file);

        assertEquals("train", dataset.name());
        assertEquals(
                List.of(
                        TextExample.labelled("train.txt:1", "one long string of cliches .", "0"),
                        TextExample.labelled("train.txt:2", "a gorgeous movie .", "1")),
                dataset.examples());
    }

    @Test
    void readsChineseTextAndCrLfLines() throws Exception {
        Path file = write(dir, "hotel.txt", "1 房间很干净，服务也好\r\n0 早餐很一般\r\n");

        TextDataset dataset = reader.readDataset(file);

        assertEquals(List.of("房间很干净，服务也好", "早餐很一般"), dataset.texts());
    }

    @Test
    void refusesBareCarriageReturnLineEnds() throws Exception {
        Path file = write(dir, "train.txt", "0 a\r1 b\r");

        DatasetFormatException e = assertFormatError(file, 1, null, () -> reader.read(file));

        assertEquals(
                "a carriage return (\\r) inside the line: lines must end with \\n or \\r\\n, and"
                        + " this file seems to end them with \\r alone; convert its line endings"
                        + " first",
                e.reason());
    }

    @Test
    void ignoresBlankLinesAtTheEnd() throws Exception {
        Path file = write(dir, "train.txt", "0 a\n1 b\n\n   \n\r\n\n");

        ReadResult result = reader.read(file);

        assertEquals(2, result.dataset().size());
        assertEquals(new ReadReport(2, 0, List.of()), result.report());
    }

    @Test
    void stripsByteOrderMark() throws Exception {
        Path file = write(dir, "train.txt", "\uFEFF1 text\n");

        assertEquals("1", reader.readDataset(file).get(0).label().orElseThrow());
    }

    @Test
    void readsMegabyteLine() throws Exception {
        String text = "x".repeat(1 << 20);
        Path file = write(dir, "long.txt", "0 short\n1 " + text + "\n0 after\n");

        TextDataset dataset = reader.readDataset(file);

        assertEquals(text, dataset.get(1).text());
        assertEquals("long.txt:3", dataset.get(2).id());
    }

    @Test
    void readsSelectedCharset() throws Exception {
        Path file = writeBytes(dir, "latin.txt", "1 caf", LATIN1_E_ACUTE, " au lait\n");
        ReadOptions latin1 = ReadOptions.builder().optCharset(StandardCharsets.ISO_8859_1).build();

        TextDataset dataset = reader.optReadOptions(latin1).readDataset(file);

        assertEquals("café au lait", dataset.get(0).text());
    }

    @Test
    void usesDatasetNameOption() throws Exception {
        Path file = write(dir, "train.txt", "0 a\n");
        ReadOptions named = ReadOptions.builder().optDatasetName("sst2/train").build();

        assertEquals("sst2/train", reader.optReadOptions(named).readDataset(file).name());
    }

    @Test
    void readsEmptyFileAsEmptyDataset() throws Exception {
        assertEquals(0, reader.readDataset(write(dir, "empty.txt", "\n\n")).size());
    }

    @Test
    void rejectsBlankLineInTheMiddle() throws Exception {
        Path file = write(dir, "train.txt", "0 a\n \n1 b\n");

        DatasetFormatException e = assertFormatError(file, 2, null, () -> reader.read(file));

        assertEquals("blank line", e.reason());
    }

    @Test
    void rejectsLabelWithoutText() throws Exception {
        Path file = write(dir, "train.txt", "0 a\n1   \n");

        DatasetFormatException e = assertFormatError(file, 2, "text", () -> reader.read(file));

        assertEquals(
                file + ":2: field 'text': the line has the label '1' but no text", e.getMessage());
    }

    @Test
    void rejectsLabelAloneOnLastLine() throws Exception {
        Path file = write(dir, "train.txt", "0 a\n1");

        assertFormatError(file, 2, "text", () -> reader.read(file));
    }

    @Test
    void rejectsLineWithoutLabel() throws Exception {
        Path file = write(dir, "train.txt", " text without label\n");

        assertFormatError(file, 1, "label", () -> reader.read(file));
    }

    @Test
    void rejectsLabelOutsideLabelSet() throws Exception {
        Path file = write(dir, "train.txt", "0 a\n1 b\n2 c\n");
        ReadOptions binary = ReadOptions.builder().optLabelSet(LabelSet.of("0", "1")).build();

        DatasetFormatException e =
                assertFormatError(file, 3, "label", () -> reader.optReadOptions(binary).read(file));

        assertEquals(
                file + ":3: field 'label': label '2' is not in the label set [0, 1]",
                e.getMessage());
    }

    @Test
    void rejectsInvalidUtf8NamingItsLine() throws Exception {
        Path file = writeBytes(dir, "train.txt", "0 ok\n1 caf", LATIN1_E_ACUTE, " bad\n0 fine\n");

        DatasetFormatException e = assertFormatError(file, 2, null, () -> reader.read(file));

        assertTrue(e.reason().contains("not valid UTF-8 at byte offset 10"), e.reason());
    }

    @Test
    void skipsExactlyTheRowsWithInvalidBytes() throws Exception {
        Path file =
                writeBytes(
                        dir,
                        "train.txt",
                        "0 ok\n1 caf",
                        LATIN1_E_ACUTE,
                        "\n0 fine\n1 ",
                        new byte[] {(byte) 0xFF, (byte) 0xFE},
                        "\n1 last\n");

        ReadResult result = reader.optReadOptions(SKIP).read(file);

        assertEquals(
                List.of("train.txt:1", "train.txt:3", "train.txt:5"),
                result.dataset().examples().stream().map(TextExample::id).toList());
        assertEquals(2, result.report().rowsSkipped());
        assertTrue(result.report().firstErrors().get(1).startsWith(file + ":4: "));
    }

    @Test
    void skipModeCountsAllBadRowsAndReportsTheFirstFew() throws Exception {
        Path file = write(dir, "train.txt", "0 a\n\n1\n2 b\n\n3\n1 ok\n");
        ReadOptions skipTwo =
                ReadOptions.builder()
                        .optErrorPolicy(ErrorPolicy.SKIP_BAD_ROWS)
                        .optLabelSet(LabelSet.of("0", "1"))
                        .optMaxReportedErrors(2)
                        .build();

        ReadResult result = reader.optReadOptions(skipTwo).read(file);

        assertEquals(List.of("a", "ok"), result.dataset().texts());
        assertEquals(
                new ReadReport(
                        2,
                        5,
                        List.of(
                                file + ":2: blank line",
                                file
                                        + ":3: field 'text': the line has the"
                                        + " label '1' but no text")),
                result.report());
    }
}

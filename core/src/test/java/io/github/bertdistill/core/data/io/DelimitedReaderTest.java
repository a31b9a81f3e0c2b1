package io.github.bertdistill.core.data.io;

import static io.github.bertdistill.core.data.io.Fixtures.SKIP;
import static io.github.bertdistill.core.data.io.Fixtures.assertFormatError;
import static io.github.bertdistill.core.data.io.Fixtures.write;
import static io.github.bertdistill.core.data.io.Fixtures.writeBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import io.github.bertdistill.core.storage.UnusablePathException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DelimitedReaderTest {
    private static final byte[] INVALID_UTF8 = {(byte) 0xFF};

    @TempDir Path dir;

    private final DelimitedReader reviews = DelimitedReader.csv("review").optLabelColumn("label");

    private static List<String> ids(TextDataset dataset) {
        return dataset.examples().stream().map(TextExample::id).toList();
    }

    @Test
    void readsCsvWithChineseText() throws Exception {
        Path file = write(dir, "dev.csv", "label,review\n1,\"房间很干净，服务也好\"\n0,早餐很一般\n");

        TextDataset dataset = reviews.readDataset(file);

        assertEquals("dev", dataset.name());
        assertEquals(
                List.of(
                        TextExample.labelled("dev.csv:2", "房间很干净，服务也好", "1"),
                        TextExample.labelled("dev.csv:3", "早餐很一般", "0")),
                dataset.examples());
    }

    @Test
    void aFolderGivenAsTheDataFileIsNamed() {
        UnusablePathException e =
                assertThrows(UnusablePathException.class, () -> reviews.readDataset(dir));
        assertEquals(
                "data file " + dir + " is a folder, not a file: give the file itself",
                e.getMessage());
    }

    @Test
    void labelsAreStrippedOfSpacesAroundThem() throws Exception {
        Path file = write(dir, "dev.csv", "label,review\npos ,good\n\" neg\",bad\npos,fine\n");

        TextDataset dataset = reviews.readDataset(file);

        assertEquals(
                List.of("pos", "neg", "pos"),
                dataset.examples().stream().map(e -> e.label().orElseThrow()).toList());
        assertEquals(List.of("neg", "pos"), dataset.inferLabelSet().names());
    }

    @Test
    void readsQuotesEscapesAndEmbeddedNewlines() throws Exception {
        Path file =
                write(
                        dir,
                        "dev.csv",
                        "label,review\n"
                                + "1,\"he said \"\"great\"\", then left\"\n"
                                + "0,\"line one\nline two\"\n"
                                + "1,after\n");

        TextDataset dataset = reviews.readDataset(file);

        assertEquals(
                List.of("he said \"great\", then left", "line one\nline two", "after"),
                dataset.texts());
        assertEquals(List.of("dev.csv:2", "dev.csv:3", "dev.csv:5"), ids(dataset));
    }

    @Test
    void countsLinesOfCrLfFilesAndSkipsEmptyLines() throws Exception {
        Path file =
                write(dir, "dev.csv", "label,review\r\n1,\"a\r\nb\"\r\n\r\n\r\n0,c\r\n\r\n  \r\n");

        TextDataset dataset = reviews.readDataset(file);

        assertEquals(List.of("a\r\nb", "c"), dataset.texts());
        assertEquals(List.of("dev.csv:2", "dev.csv:6"), ids(dataset));
    }

    @Test
    void readsTextOnlyFileAsUnlabelled() throws Exception {
        Path file = write(dir, "transfer.csv", "text\nfirst\nsecond\n");

        TextDataset dataset = DelimitedReader.csv("text").readDataset(file);

        assertEquals(List.of("first", "second"), dataset.texts());
        assertFalse(dataset.get(0).isLabelled());
    }

    @Test
    void takesIdsFromIdColumn() throws Exception {
        Path file = write(dir, "dev.csv", "id,label,review\nr7,1,good\nr9,0,bad\n");

        TextDataset dataset = reviews.optIdColumn("id").readDataset(file);

        assertEquals(List.of("r7", "r9"), ids(dataset));
    }

    @Test
    void readsTsvWithStrayQuotes() throws Exception {
        Path file =
                write(
                        dir,
                        "test.tsv",
                        "score\tproduct\treview\n"
                                + "great\tB1\tThe 5\" tin is \"fine<br />really\n"
                                + "other\tB2\t\"quoted\" start\n");

        TextDataset dataset =
                DelimitedReader.tsv("review").optLabelColumn("score").readDataset(file);

        assertEquals(
                List.of("The 5\" tin is \"fine<br />really", "\"quoted\" start"), dataset.texts());
        assertEquals(List.of("great", "other"), dataset.inferLabelSet().names());
    }

    @Test
    void readsQuotedTsvWhenAsked() throws Exception {
        Path file = write(dir, "test.tsv", "label\ttext\n1\t\"a\tb\"\"c\"\n");

        TextDataset dataset =
                DelimitedReader.tsv("text")
                        .optLabelColumn("label")
                        .optQuoted(true)
                        .readDataset(file);

        assertEquals("a\tb\"c", dataset.get(0).text());
    }

    @Test
    void readsUnquotedCsvWhenAsked() throws Exception {
        Path file = write(dir, "dev.csv", "label,review\n1,\"as is\"\n");

        assertEquals("\"as is\"", reviews.optQuoted(false).readDataset(file).get(0).text());
    }

    @Test
    void readsSelectedCharsetAndStripsByteOrderMark() throws Exception {
        Path utf8 = write(dir, "bom.csv", "\uFEFFlabel,review\n1,ok\n");
        Path latin1 =
                writeBytes(
                        dir, "latin.csv", "label,review\n1,na", new byte[] {(byte) 0xEF}, "ve\n");
        ReadOptions options = ReadOptions.builder().optCharset(StandardCharsets.ISO_8859_1).build();

        assertEquals("ok", reviews.readDataset(utf8).get(0).text());
        assertEquals("naïve", reviews.optReadOptions(options).readDataset(latin1).get(0).text());
    }

    @Test
    void readsMegabyteField() throws Exception {
        String text = "长".repeat(1 << 20);
        Path file = write(dir, "dev.csv", "label,review\n1,\"" + text + "\"\n0,next\n");

        TextDataset dataset = reviews.readDataset(file);

        assertEquals(text, dataset.get(0).text());
        assertEquals("dev.csv:3", dataset.get(1).id());
    }

    @Test
    void rejectsMissingTextColumnListingTheHeader() throws Exception {
        Path file = write(dir, "dev.csv", "label,review\n1,ok\n");

        DatasetFormatException e =
                assertFormatError(file, 1, "text", () -> DelimitedReader.csv("text").read(file));

        assertEquals(
                file
                        + ":1: field 'text': no such column in the header; its columns are [label,"
                        + " review]",
                e.getMessage());
    }

    @Test
    void rejectsMissingLabelColumnEvenWhenSkipping() throws Exception {
        Path file = write(dir, "dev.csv", "cat,review\n1,ok\n");

        assertFormatError(file, 1, "label", () -> reviews.optReadOptions(SKIP).read(file));
    }

    @Test
    void rejectsDuplicatedChosenColumn() throws Exception {
        Path file = write(dir, "dev.csv", "label,review,review\n1,a,b\n");

        assertFormatError(file, 1, "review", () -> reviews.read(file));
    }

    @Test
    void rejectsEmptyFile() throws Exception {
        Path file = write(dir, "dev.csv", "\n");

        DatasetFormatException e = assertFormatError(file, 1, null, () -> reviews.read(file));

        assertEquals("the file has no header row", e.reason());
    }

    @Test
    void rejectsLabelOutsideLabelSet() throws Exception {
        Path file = write(dir, "dev.csv", "label,review\npos,a\nx,b\n");
        ReadOptions options = ReadOptions.builder().optLabelSet(LabelSet.of("neg", "pos")).build();

        DatasetFormatException e =
                assertFormatError(
                        file, 3, "label", () -> reviews.optReadOptions(options).read(file));

        assertEquals(
                file + ":3: field 'label': label 'x' is not in the label set [neg, pos]",
                e.getMessage());
    }

    @Test
    void rejectsEmptyAndBlankText() throws Exception {
        Path empty = write(dir, "empty.csv", "label,review\n1,a\n1,\n");
        Path blank = write(dir, "blank.csv", "label,review\n1,\"  \n \"\n");

        assertFormatError(empty, 3, "review", () -> reviews.read(empty));
        assertFormatError(blank, 2, "review", () -> reviews.read(blank));
    }

    @Test
    void rejectsEmptyLabel() throws Exception {
        Path file = write(dir, "dev.csv", "label,review\n,text\n");

        assertFormatError(file, 2, "label", () -> reviews.read(file));
    }

    @Test
    void rejectsRowWithWrongFieldCount() throws Exception {
        Path file = write(dir, "dev.csv", "label,review\n1,a\n1,b,c\n");

        DatasetFormatException e = assertFormatError(file, 3, null, () -> reviews.read(file));

        assertEquals("the row has 3 fields but the header has 2 columns", e.reason());
    }

    @Test
    void rejectsTextAfterAClosingQuoteInTheProjectsWords() throws Exception {
        Path file = write(dir, "dev.csv", "label,review\n0,ok\n1,\"good\" bad\n");

        DatasetFormatException e = assertFormatError(file, 3, null, () -> reviews.read(file));

        assertEquals(
                "text follows the closing quote of a quoted field: a field that starts with a quote"
                        + " must end with one, and a quote inside it is written twice (\"\")",
                e.reason());
    }

    @Test
    void rejectsUnclosedQuoteWhereItsRecordStartsEvenWhenSkipping() throws Exception {
        Path file = write(dir, "dev.csv", "label,review\n1,ok\n\n0,\"never closed\n1,x\n1,y\n");

        DatasetFormatException e =
                assertFormatError(file, 4, null, () -> reviews.optReadOptions(SKIP).read(file));

        assertTrue(e.reason().contains("never closed"), e.reason());
    }

    @Test
    void rejectsDuplicateIds() throws Exception {
        Path file = write(dir, "dev.csv", "id,label,review\na,1,x\nb,0,y\na,1,z\n");

        DatasetFormatException e =
                assertFormatError(file, 4, "id", () -> reviews.optIdColumn("id").read(file));

        assertEquals("id 'a' is already used on line 2", e.reason());
    }

    @Test
    void rejectsInvalidBytesInMultiLineRecordAtItsStart() throws Exception {
        Path file =
                writeBytes(
                        dir, "dev.csv", "label,review\n1,\"ok\nbad", INVALID_UTF8, "\"\n0,fine\n");

        DatasetFormatException e = assertFormatError(file, 2, null, () -> reviews.read(file));

        assertTrue(e.reason().contains("(line 3)"), e.reason());
    }

    @Test
    void rejectsInvalidBytesInHeader() throws Exception {
        Path file = writeBytes(dir, "dev.csv", "label,review", INVALID_UTF8, "\n1,a\n");

        assertFormatError(file, 1, null, () -> reviews.optReadOptions(SKIP).read(file));
    }

    @Test
    void skipsExactlyTheRecordsWithInvalidBytes() throws Exception {
        Path file =
                writeBytes(
                        dir,
                        "dev.csv",
                        "label,review\n1,\"ok\nbad",
                        INVALID_UTF8,
                        "\"\n0,fine\n1,\"multi\nline\"\n1,last",
                        INVALID_UTF8);

        ReadResult result = reviews.optReadOptions(SKIP).read(file);

        assertEquals(List.of("dev.csv:4", "dev.csv:5"), ids(result.dataset()));
        assertEquals(2, result.report().rowsSkipped());
        assertTrue(result.report().firstErrors().get(1).startsWith(file + ":7: "));
    }

    @Test
    void skipModeCountsBadRecords() throws Exception {
        Path file = write(dir, "dev.csv", "id,label,review\na,1,x\nb,,y\nc,1\na,0,z\nd,0,\"ok\"\n");

        ReadResult result = reviews.optIdColumn("id").optReadOptions(SKIP).read(file);

        assertEquals(List.of("a", "d"), ids(result.dataset()));
        assertEquals(2, result.report().rowsRead());
        assertEquals(3, result.report().rowsSkipped());
        assertEquals(3, result.report().firstErrors().size());
    }
}

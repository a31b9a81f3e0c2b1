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
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesReaderTest {
    @TempDir Path dir;

    private final JsonLinesReader reader = JsonLinesReader.create();

    @Test
    void readsTextAndNumberOrStringLabels() throws Exception {
        Path file =
                write(
                        dir,
                        "train.jsonl",
                        "{\"text\": \"房间很干净，服务也好\", \"label\": 1}\n"
                                + "{\"label\": \"neg\", \"text\": \"bad\", \"extra\": [1, 2]}\n"
                                + "{\"text\": \"no label\"}\n"
                                + "{\"text\": \"null label\", \"label\": null}\n\n");

        TextDataset dataset = reader.readDataset(file);

        assertEquals(
                List.of(
                        TextExample.labelled("train.jsonl:1", "房间很干净，服务也好", "1"),
                        TextExample.labelled("train.jsonl:2", "bad", "neg"),
                        TextExample.unlabelled("train.jsonl:3", "no label"),
                        TextExample.unlabelled("train.jsonl:4", "null label")),
                dataset.examples());
        assertEquals("train", dataset.name());
    }

    @Test
    void aNumberLabelIsReadInItsShortestFormAndAStringLabelIsStripped() throws Exception {
        Path file =
                write(
                        dir,
                        "train.jsonl",
                        "{\"text\": \"a\", \"label\": 1.0}\n"
                                + "{\"text\": \"b\", \"label\": 1e0}\n"
                                + "{\"text\": \"c\", \"label\": 2.50}\n"
                                + "{\"text\": \"d\", \"label\": \" 1 \"}\n"
                                + "{\"text\": \"e\", \"label\": \"1.0\"}\n");

        assertEquals(
                List.of("1", "1", "2.5", "1", "1.0"),
                reader.readDataset(file).examples().stream()
                        .map(e -> e.label().orElseThrow())
                        .toList());
    }

    @Test
    void readsConfiguredFieldsAndIds() throws Exception {
        Path file =
                write(
                        dir,
                        "train.jsonl",
                        "{\"sentence\": \"a\", \"y\": 0, \"uid\": 17}\n"
                                + "{\"sentence\": \"b\", \"y\": 1, \"uid\": \"x-2\"}\n");

        TextDataset dataset =
                reader.optTextField("sentence")
                        .optLabelField("y")
                        .optIdField("uid")
                        .readDataset(file);

        assertEquals(
                List.of(
                        TextExample.labelled("17", "a", "0"),
                        TextExample.labelled("x-2", "b", "1")),
                dataset.examples());
    }

    @Test
    void readsMegabyteLine() throws Exception {
        String text = "y".repeat(1 << 20);
        Path file = write(dir, "big.jsonl", "{\"text\": \"" + text + "\"}\n");

        assertEquals(text, reader.readDataset(file).get(0).text());
    }

    @Test
    void rejectsMalformedJson() throws Exception {
        Path file = write(dir, "train.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"\n");

        DatasetFormatException e = assertFormatError(file, 2, null, () -> reader.read(file));

        assertEquals("malformed JSON: End of input at column 13 path $.text", e.reason());
    }

    @Test
    void goldDataNeedsALabelOnEveryLine() throws Exception {
        Path file =
                write(
                        dir,
                        "gold.jsonl",
                        "{\"text\": \"a\", \"label\": 1}\n"
                                + "{\"text\": \"b\", \"label\": null}\n");

        DatasetFormatException e =
                assertFormatError(file, 2, "label", () -> reader.requireLabels().read(file));

        assertEquals("missing: every line of labelled data needs one", e.reason());
    }

    @Test
    void rejectsLenientJsonAndTrailingText() throws Exception {
        Path lenient = write(dir, "lenient.jsonl", "{text: 'a'}\n");
        Path trailing = write(dir, "trailing.jsonl", "{\"text\": \"a\"} {}\n");

        DatasetFormatException e = assertFormatError(lenient, 1, null, () -> reader.read(lenient));
        assertTrue(e.reason().startsWith("malformed JSON: syntax error at column 3"), e.reason());
        assertFormatError(trailing, 1, null, () -> reader.read(trailing));
    }

    @Test
    void rejectsValueThatIsNotAnObject() throws Exception {
        Path array = write(dir, "array.jsonl", "[\"text\"]\n");
        Path literal = write(dir, "null.jsonl", "null\n");

        DatasetFormatException e = assertFormatError(array, 1, null, () -> reader.read(array));
        assertEquals("expected a JSON object, found an array", e.reason());
        e = assertFormatError(literal, 1, null, () -> reader.read(literal));
        assertEquals("expected a JSON object, found null", e.reason());
    }

    @Test
    void rejectsMissingOrNonStringText() throws Exception {
        Path missing = write(dir, "missing.jsonl", "{\"text\": \"a\"}\n{\"label\": 1}\n");
        Path number = write(dir, "number.jsonl", "{\"text\": 3}\n");

        DatasetFormatException e =
                assertFormatError(missing, 2, "text", () -> reader.read(missing));
        assertEquals(missing + ":2: field 'text': missing", e.getMessage());
        assertFormatError(number, 1, "text", () -> reader.read(number));
    }

    @Test
    void rejectsBlankText() throws Exception {
        Path file = write(dir, "train.jsonl", "{\"text\": \" \\t \"}\n");

        assertFormatError(file, 1, "text", () -> reader.read(file));
    }

    @Test
    void rejectsBooleanLabelAndLabelOutsideSet() throws Exception {
        Path bool = write(dir, "bool.jsonl", "{\"text\": \"a\", \"label\": true}\n");
        Path unknown = write(dir, "unknown.jsonl", "{\"text\": \"a\", \"label\": 2}\n");
        ReadOptions binary = ReadOptions.builder().optLabelSet(LabelSet.of("0", "1")).build();

        assertFormatError(bool, 1, "label", () -> reader.read(bool));
        assertFormatError(unknown, 1, "label", () -> reader.optReadOptions(binary).read(unknown));
    }

    @Test
    void rejectsMissingAndDuplicateIds() throws Exception {
        Path missing = write(dir, "missing.jsonl", "{\"text\": \"a\"}\n");
        Path duplicate =
                write(
                        dir,
                        "dup.jsonl",
                        "{\"text\": \"a\", \"id\": 1}\n{\"text\": \"b\", \"id\": 1}\n");
        JsonLinesReader withIds = reader.optIdField("id");

        assertFormatError(missing, 1, "id", () -> withIds.read(missing));
        DatasetFormatException e =
                assertFormatError(duplicate, 2, "id", () -> withIds.read(duplicate));
        assertEquals("id '1' is already used on line 1", e.reason());
    }

    @Test
    void rejectsBlankLineInTheMiddle() throws Exception {
        Path file = write(dir, "train.jsonl", "{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n");

        assertFormatError(file, 2, null, () -> reader.read(file));
    }

    @Test
    void rejectsInvalidUtf8() throws Exception {
        Path file =
                writeBytes(
                        dir,
                        "train.jsonl",
                        "{\"text\": \"a\"}\n{\"text\": \"",
                        new byte[] {(byte) 0xC3},
                        "\"}\n");

        DatasetFormatException e = assertFormatError(file, 2, null, () -> reader.read(file));

        assertTrue(e.reason().contains("UTF-8"), e.reason());
    }

    @Test
    void skipModeKeepsGoodLines() throws Exception {
        Path file =
                write(
                        dir,
                        "train.jsonl",
                        "{\"text\": \"a\"}\nnot json\n{\"label\": 1}\n{\"text\": \"b\"}\n");

        ReadResult result = reader.optReadOptions(SKIP).read(file);

        assertEquals(List.of("a", "b"), result.dataset().texts());
        assertEquals(2, result.report().rowsSkipped());
        assertEquals(file + ":3: field 'text': missing", result.report().firstErrors().get(1));
    }
}

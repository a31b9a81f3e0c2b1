package io.github.bertdistill.core.data.io;

import static io.github.bertdistill.core.data.io.Fixtures.writeBytes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLineStreamTest {
    private static final byte[] INVALID = {(byte) 0xFF, (byte) 0xFE};

    @TempDir Path dir;

    @Test
    void readsTextsWithoutByteOrderMarkLineEndsOrTrailingBlankLines() throws IOException {
        TextLineStream texts = stream(bytes("\uFEFFfirst\r\n  second, as it is\nthird\n\n \n"));

        assertEquals(List.of("first", "  second, as it is", "third"), all(texts));
        assertEquals(3, texts.line());
    }

    @Test
    void returnsEachTextBeforeReadingTheNextLine() throws IOException {
        byte[] first = bytes("first\n");
        InputStream oneLineThenFail =
                new InputStream() {
                    private int next;

                    @Override
                    public int read() {
                        throw new AssertionError("single bytes are not read");
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (next > 0) {
                            throw new AssertionError("read past the first line");
                        }
                        System.arraycopy(first, 0, b, off, first.length);
                        next = first.length;
                        return first.length;
                    }
                };

        TextLineStream texts = TextLineStream.of(oneLineThenFail, "standard input", UTF_8);

        assertEquals(Optional.of("first"), texts.next());
    }

    @Test
    void decodesCharactersSplitBetweenReads() throws IOException {
        InputStream oneByteAtATime =
                new ByteArrayInputStream(bytes("héllo\nwörld 中文\n")) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        return super.read(b, off, Math.min(len, 1));
                    }
                };

        assertEquals(
                List.of("héllo", "wörld 中文"),
                all(TextLineStream.of(oneByteAtATime, "standard input", UTF_8)));
    }

    @Test
    void invalidBytesFailOnTheirLineAfterTheTextsBefore() throws IOException {
        TextLineStream texts = stream(concat(bytes("good\nbad "), INVALID, bytes("\nlater\n")));

        assertEquals(Optional.of("good"), texts.next());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, texts::next);
        assertEquals(
                "standard input:2: bytes that are not valid UTF-8 at byte offset 9 (line 2)",
                e.getMessage());
        assertEquals(Optional.empty(), e.file());
        assertEquals(2, e.line());
    }

    @Test
    void bareCarriageReturnLineEndsAreRefusedAtTheFirstLine() throws IOException {
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, stream(bytes("one\rtwo\r"))::next);

        assertEquals(1, e.line());
        assertTrue(e.reason().contains("seems to end them with \\r alone"), e.reason());
        assertEquals(Optional.of("one"), stream(bytes("one\r")).next());
    }

    @Test
    void byteOffsetsCountAcrossBuffers() throws IOException {
        TextLineStream texts =
                stream(concat(bytes("a".repeat(10_000) + "\nb"), INVALID, bytes("\n")));

        texts.next();
        DatasetFormatException e = assertThrows(DatasetFormatException.class, texts::next);
        assertEquals("bytes that are not valid UTF-8 at byte offset 10002 (line 2)", e.reason());
    }

    @Test
    void aBlankLineBeforeATextIsAnError() throws IOException {
        TextLineStream texts = stream(bytes("one\n\n  \ntwo\n"));

        assertEquals(Optional.of("one"), texts.next());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, texts::next);
        assertEquals("standard input:2: blank line", e.getMessage());
    }

    @Test
    void errorsInAFileNameTheFile() throws IOException {
        Path file = writeBytes(dir, "texts.txt", "ok\nnot ", INVALID, " ok\n");

        try (TextLineStream texts = TextLineStream.open(file, UTF_8)) {
            texts.next();
            DatasetFormatException e = assertThrows(DatasetFormatException.class, texts::next);
            assertEquals(Optional.of(file), e.file());
            assertEquals(file + ":2: ", e.getMessage().substring(0, file.toString().length() + 4));
        }
    }

    private static TextLineStream stream(byte[] content) {
        return TextLineStream.of(new ByteArrayInputStream(content), "standard input", UTF_8);
    }

    private static List<String> all(TextLineStream texts) throws IOException {
        List<String> all = new ArrayList<>();
        for (Optional<String> text = texts.next(); text.isPresent(); text = texts.next()) {
            all.add(text.get());
        }
        return all;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

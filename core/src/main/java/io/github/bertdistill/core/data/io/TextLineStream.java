package io.github.bertdistill.core.data.io;

import io.github.bertdistill.core.storage.InputLocation;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Plain text, one text per line, read from a file or a stream as it arrives: the rules of {@link
 * TextLinesReader} for input that should be answered line by line (standard input) rather than read
 * whole.
 *
 * <p>Decoding is strict, as in every reader: a UTF-8 byte-order mark is dropped, lines end with
 * {@code \n} or {@code \r\n}, and a line with bytes that are invalid in the charset is an error. A
 * blank line before a later text is an error too ("blank line"); blank lines at the end are
 * ignored. Errors are {@link DatasetFormatException}s naming the file (or the stream's name) and
 * the line, thrown when the bad line is reached, after every text before it was returned.
 *
 * <pre>{@code
 * try (TextLineStream texts = TextLineStream.of(System.in, "standard input", UTF_8)) {
 *     for (Optional<String> text = texts.next(); text.isPresent(); text = texts.next()) {
 *         answer(text.get());
 *     }
 * }
 * }</pre>
 */
public final class TextLineStream implements Closeable {
    private final InputStream in;
    private final Path file;
    private final String source;
    private final Charset charset;
    private final LineDecoder decoder;
    private int line;
    private int textLine;

    private TextLineStream(InputStream in, Path file, String source, Charset charset) {
        this.in = in;
        this.file = file;
        this.source = source;
        this.charset = charset;
        this.decoder = new LineDecoder(in, charset);
    }

    /** Reads {@code file}; errors name it. */
    public static TextLineStream open(Path file, Charset charset) throws IOException {
        Objects.requireNonNull(charset, "charset");
        return new TextLineStream(
                Files.newInputStream(InputLocation.requireFile(file, "text file")),
                file,
                file.toString(),
                charset);
    }

    /** Reads {@code in}; errors name it {@code name}, e.g. {@code standard input}. */
    public static TextLineStream of(InputStream in, String name, Charset charset) {
        return new TextLineStream(
                Objects.requireNonNull(in, "in"),
                null,
                Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(charset, "charset"));
    }

    /**
     * The next text, without its line ending; empty at the end of the input. Blocks until a whole
     * line has arrived.
     *
     * @throws DatasetFormatException for a blank line before this text, or bytes on its line that
     *     are invalid in the charset
     */
    public Optional<String> next() throws IOException {
        int firstBlank = 0;
        for (String raw = decoder.nextLine(); raw != null; raw = decoder.nextLine()) {
            line++;
            if (line == 1) {
                Optional<String> bareReturn = LineDecoder.bareCarriageReturn(raw);
                if (bareReturn.isPresent()) {
                    throw error(1, bareReturn.get());
                }
            }
            String text = LineDecoder.withoutLineEnd(raw);
            if (text.isBlank()) {
                firstBlank = firstBlank == 0 ? line : firstBlank;
                continue;
            }
            if (firstBlank > 0) {
                throw error(firstBlank, LineRows.BLANK_LINE);
            }
            if (decoder.malformedOffset() >= 0) {
                throw error(
                        line, DecodedText.malformedInput(charset, decoder.malformedOffset(), line));
            }
            textLine = line;
            return Optional.of(text);
        }
        return Optional.empty();
    }

    /** The 1-based line of the text last returned by {@link #next()} (0 before the first). */
    public int line() {
        return textLine;
    }

    /**
     * Whether more input has arrived, so that {@link #next()} is unlikely to block: a caller that
     * answers in batches answers what it holds when this is false.
     */
    public boolean ready() throws IOException {
        return decoder.ready();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private DatasetFormatException error(int line, String reason) {
        return file != null
                ? new DatasetFormatException(file, line, null, reason)
                : new DatasetFormatException(source, line, null, reason);
    }
}

package io.github.bertdistill.core.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Decodes a byte stream strictly, one line at a time, as the bytes arrive: the one decoder behind
 * every reader, whole files ({@link DecodedText}) and streams ({@link TextLineStream}) alike.
 *
 * <p>Bytes that are invalid in the charset do not stop decoding: each invalid sequence becomes
 * U+FFFD, and the byte offset of the first one on a line is kept for that line ({@link
 * #malformedOffset()}), so a reader can reject exactly the lines that hold one. A leading
 * byte-order mark is dropped. A line is returned as soon as its {@code \n} is decoded, without
 * waiting for more input.
 */
final class LineDecoder {
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final char REPLACEMENT = '\uFFFD';
    private static final int BUFFER_SIZE = 8192;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();

    /** The char index (in all chars decoded) and byte offset of each replaced sequence. */
    private final Deque<long[]> replacements = new ArrayDeque<>();

    private long bufferStart;
    private long charsDecoded;
    private long charsTaken;
    private boolean endOfInput;
    private boolean flushed;
    private long lineMalformedOffset = -1;

    LineDecoder(InputStream in, Charset charset) {
        this.in = in;
        this.decoder =
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The next line with its {@code \n} or {@code \r\n} (the last line may have none), or {@code
     * null} at the end of the input.
     */
    String nextLine() throws IOException {
        StringBuilder line = new StringBuilder();
        lineMalformedOffset = -1;
        while (true) {
            while (chars.hasRemaining()) {
                long index = charsTaken++;
                char c = chars.get();
                if (!replacements.isEmpty() && replacements.peekFirst()[0] == index) {
                    long offset = replacements.pollFirst()[1];
                    lineMalformedOffset = lineMalformedOffset < 0 ? offset : lineMalformedOffset;
                }
                if (index == 0 && c == BYTE_ORDER_MARK) {
                    continue;
                }
                line.append(c);
                if (c == '\n') {
                    return line.toString();
                }
            }
            if (!decodeMore()) {
                return line.length() == 0 ? null : line.toString();
            }
        }
    }

    /** {@code line} without its {@code \n} or {@code \r\n} (or a final {@code \r}). */
    static String withoutLineEnd(String line) {
        int end = line.length();
        end -= end > 0 && line.charAt(end - 1) == '\n' ? 1 : 0;
        end -= end > 0 && line.charAt(end - 1) == '\r' ? 1 : 0;
        return line.substring(0, end);
    }

    /**
     * Why a file's first line (with its line ending) must be refused, if it holds a carriage return
     * that ends no line: such a file ends its lines with {@code \r} alone (classic Mac OS), which
     * every reader would otherwise take for one long line.
     */
    static Optional<String> bareCarriageReturn(String firstLine) {
        return withoutLineEnd(firstLine).indexOf('\r') < 0
                ? Optional.empty()
                : Optional.of(
                        "a carriage return (\\r) inside the line: lines must end with \\n or"
                                + " \\r\\n, and this file seems to end them with \\r alone;"
                                + " convert its line endings first");
    }

    /**
     * The byte offset of the first invalid input on the line last returned by {@link #nextLine()},
     * or -1 if it has none.
     */
    long malformedOffset() {
        return lineMalformedOffset;
    }

    /** Whether a line may be decoded without waiting for more input. */
    boolean ready() throws IOException {
        return chars.hasRemaining() || bytes.hasRemaining() || in.available() > 0;
    }

    /**
     * Decodes at least one more char into the empty {@link #chars}, reading only when nothing is
     * decoded yet; false at the end of the input.
     */
    private boolean decodeMore() throws IOException {
        chars.clear().limit(chars.capacity() - 1); // room for a replacement after an error
        while (chars.position() == 0 && !flushed) {
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                replacements.addLast(
                        new long[] {
                            charsDecoded + chars.position(), bufferStart + bytes.position()
                        });
                bytes.position(bytes.position() + result.length());
                chars.limit(chars.capacity()).put(REPLACEMENT);
            } else if (result.isUnderflow() && chars.position() == 0) {
                if (endOfInput) {
                    flushed = decoder.flush(chars).isUnderflow();
                } else {
                    read();
                }
            } else {
                break;
            }
        }
        charsDecoded += chars.position();
        chars.flip();
        return chars.hasRemaining();
    }

    private void read() throws IOException {
        bufferStart += bytes.position();
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }
}

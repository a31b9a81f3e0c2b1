package io.github.bertdistill.core.data.io;

import io.github.bertdistill.core.storage.InputLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A whole file decoded strictly, with a line index, shared by every reader.
 *
 * <p>Decoded by {@link LineDecoder}: bytes that are invalid in the charset do not stop decoding,
 * each is replaced by U+FFFD and the line it falls on is remembered, so a reader can reject exactly
 * the rows that hold one. A leading byte-order mark is dropped, and so are the blank lines at the
 * end of the file. Lines end with {@code \n} or {@code \r\n}; a file whose first line holds a bare
 * {@code \r} is refused (its lines end with {@code \r} alone).
 */
final class DecodedText {
    private final String content;
    private final int[] lineStarts;
    private final NavigableMap<Integer, Long> malformedByteOffsets;
    private final Charset charset;

    private DecodedText(
            String content, NavigableMap<Integer, Long> malformedByteOffsets, Charset charset) {
        this.content = content;
        this.lineStarts = lineStarts(content);
        this.malformedByteOffsets = malformedByteOffsets;
        this.charset = charset;
    }

    /** Reads and decodes {@code file}. */
    static DecodedText read(Path file, Charset charset) throws IOException {
        StringBuilder content = new StringBuilder();
        NavigableMap<Integer, Long> malformed = new TreeMap<>();
        try (InputStream in = Files.newInputStream(InputLocation.requireFile(file, "data file"))) {
            LineDecoder decoder = new LineDecoder(in, charset);
            int line = 0;
            for (String text = decoder.nextLine(); text != null; text = decoder.nextLine()) {
                line++;
                if (line == 1) {
                    Optional<String> bareReturn = LineDecoder.bareCarriageReturn(text);
                    if (bareReturn.isPresent()) {
                        throw new DatasetFormatException(file, 1, null, bareReturn.get());
                    }
                }
                content.append(text);
                if (decoder.malformedOffset() >= 0) {
                    malformed.put(line, decoder.malformedOffset());
                }
            }
        }
        return new DecodedText(withoutTrailingBlankLines(content.toString()), malformed, charset);
    }

    private static String withoutTrailingBlankLines(String text) {
        int end = text.length();
        while (end > 0) {
            int lineStart = text.lastIndexOf('\n', end - 1) + 1;
            if (!text.substring(lineStart, end).isBlank()) {
                break;
            }
            end = Math.max(lineStart - 1, 0);
        }
        return text.substring(0, end);
    }

    private static int[] lineStarts(String content) {
        if (content.isEmpty()) {
            return new int[0];
        }
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) {
            starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The decoded text, without byte-order mark or trailing blank lines. */
    String content() {
        return content;
    }

    /** The lines of {@link #content()}, without their {@code \n} or {@code \r\n}. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(lineStarts.length);
        for (int i = 0; i < lineStarts.length; i++) {
            int end = i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : content.length();
            if (end > lineStarts[i] && content.charAt(end - 1) == '\r') {
                end--;
            }
            lines.add(content.substring(lineStarts[i], end));
        }
        return lines;
    }

    /**
     * The offset in {@link #content()} where 1-based {@code line} starts (the end, past the last).
     */
    int lineStart(int line) {
        return line <= lineStarts.length ? lineStarts[line - 1] : content.length();
    }

    /**
     * The 1-based line of the first character at or after {@code offset} that ends no line: where a
     * record really starts when a parser reports the offset of the empty lines it skipped first.
     */
    int recordLineAt(long offset) {
        int start = (int) offset;
        while (start < content.length()
                && (content.charAt(start) == '\r' || content.charAt(start) == '\n')) {
            start++;
        }
        int found = Arrays.binarySearch(lineStarts, start);
        return Math.max(found >= 0 ? found + 1 : -found - 1, 1);
    }

    /**
     * Describes the first input invalid in the charset on lines {@code firstLine} to {@code
     * lastLine}, if any.
     */
    Optional<String> malformedInput(int firstLine, int lastLine) {
        Map.Entry<Integer, Long> first = malformedByteOffsets.ceilingEntry(firstLine);
        if (first == null || first.getKey() > lastLine) {
            return Optional.empty();
        }
        return Optional.of(malformedInput(charset, first.getValue(), first.getKey()));
    }

    /**
     * Describes input invalid in {@code charset} at {@code byteOffset}, on 1-based {@code line}.
     */
    static String malformedInput(Charset charset, long byteOffset, int line) {
        return "bytes that are not valid "
                + charset.name()
                + " at byte offset "
                + byteOffset
                + " (line "
                + line
                + ")";
    }
}

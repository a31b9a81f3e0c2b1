package io.github.bertdistill.distill.cache;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * The hash that ties cached logits to the exact text they were computed from: the first 8 bytes of
 * the SHA-256 of the text's UTF-8 bytes, read as a little-endian {@code long} (Guava's {@code
 * HashCode.asLong()}). 64 bits make an accidental match between an edited text and its old version
 * negligible (about 2<sup>-64</sup>).
 */
public final class TextHash {
    private TextHash() {}

    /** The 64-bit hash of {@code text}. */
    public static long of(String text) {
        return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).asLong();
    }
}

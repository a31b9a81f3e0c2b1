package io.github.bertdistill.distill.cache;

import java.util.ArrayList;
import java.util.List;

/**
 * The cache's {@code manifest.json}: the format version, the teacher fingerprint and label names
 * that stamp every record, and the completed chunk files in write order. A chunk counts only once
 * it is listed here, so a chunk file written just before a crash, but not yet listed, is ignored
 * and later overwritten.
 */
record CacheManifest(
        int formatVersion,
        String fingerprint,
        int numClasses,
        List<String> labels,
        List<Chunk> chunks) {

    /** The only format this code reads and writes. */
    static final int FORMAT_VERSION = 1;

    /** A completed chunk file and the number of records in it. */
    record Chunk(String file, int records) {}

    /** A manifest with no chunks yet. */
    static CacheManifest empty(TeacherFingerprint fingerprint, List<String> labels) {
        return new CacheManifest(
                FORMAT_VERSION, fingerprint.value(), labels.size(), List.copyOf(labels), List.of());
    }

    /** This manifest with one more completed chunk. */
    CacheManifest withChunk(Chunk chunk) {
        List<Chunk> more = new ArrayList<>(chunks);
        more.add(chunk);
        return new CacheManifest(formatVersion, fingerprint, numClasses, labels, List.copyOf(more));
    }
}

package io.github.bertdistill.distill.cache;

import com.google.common.io.CountingInputStream;
import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The binary chunk file, big-endian ({@link DataOutputStream}):
 *
 * <pre>
 * int   magic 0x42444C43 ("BDLC")
 * int   format version
 * int   number of classes C
 * int   number of records
 * then per record:
 *   UTF   id (DataOutputStream.writeUTF: 2-byte length, modified UTF-8)
 *   long  text hash ({@link TextHash})
 *   float logits[C]
 * </pre>
 *
 * A chunk is always written whole through {@link AtomicFiles#write}, so a reader never sees a
 * partial one.
 */
final class ChunkFormat {
    private static final int MAGIC = 0x42444C43;

    /** Receives each record of a scanned chunk. */
    @FunctionalInterface
    interface RecordVisitor {
        /**
         * One record.
         *
         * @param hashOffset byte offset of the record's text hash; its logits follow it
         */
        void visit(CachedLogits record, long hashOffset) throws IOException;
    }

    private ChunkFormat() {}

    /** Atomically writes {@code records} as one chunk. */
    static void write(Path file, int numClasses, List<CachedLogits> records) throws IOException {
        AtomicFiles.write(
                file,
                raw -> {
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
                    out.writeInt(MAGIC);
                    out.writeInt(CacheManifest.FORMAT_VERSION);
                    out.writeInt(numClasses);
                    out.writeInt(records.size());
                    for (CachedLogits record : records) {
                        out.writeUTF(record.id());
                        out.writeLong(record.textHash());
                        for (float logit : record.logits()) {
                            out.writeFloat(logit);
                        }
                    }
                    out.flush();
                });
    }

    /** Receives the key of each record of an indexed chunk. */
    @FunctionalInterface
    interface KeyVisitor {
        /**
         * One record's key.
         *
         * @param hashOffset byte offset of the record's text hash; its logits follow it
         */
        void visit(String id, long textHash, long hashOffset) throws IOException;
    }

    /** Reads the rest of one record, whose id and text hash were just read. */
    @FunctionalInterface
    private interface RowReader {
        void read(DataInputStream in, String id, long textHash, long hashOffset) throws IOException;
    }

    /**
     * Reads a chunk from start to end, one record at a time.
     *
     * @throws IOException if the file is not a chunk of {@code numClasses} classes with {@code
     *     expectedRecords} records
     */
    static void scan(Path file, int numClasses, int expectedRecords, RecordVisitor visitor)
            throws IOException {
        walk(
                file,
                numClasses,
                expectedRecords,
                (in, id, hash, offset) -> {
                    float[] logits = new float[numClasses];
                    for (int c = 0; c < numClasses; c++) {
                        logits[c] = in.readFloat();
                    }
                    visitor.visit(new CachedLogits(id, hash, logits), offset);
                });
    }

    /**
     * Reads the id, text hash and offset of every record, skipping the rows: what an index needs,
     * without decoding {@code numClasses} floats per record (384 for a feature cache).
     *
     * @throws IOException as {@link #scan}
     */
    static void index(Path file, int numClasses, int expectedRecords, KeyVisitor visitor)
            throws IOException {
        walk(
                file,
                numClasses,
                expectedRecords,
                (in, id, hash, offset) -> {
                    in.skipNBytes((long) Float.BYTES * numClasses);
                    visitor.visit(id, hash, offset);
                });
    }

    private static void walk(Path file, int numClasses, int expectedRecords, RowReader rows)
            throws IOException {
        try (CountingInputStream counting =
                        new CountingInputStream(
                                new BufferedInputStream(Files.newInputStream(file)));
                DataInputStream in = new DataInputStream(counting)) {
            checkHeader(file, in, numClasses, expectedRecords);
            for (int r = 0; r < expectedRecords; r++) {
                String id = in.readUTF();
                long offset = counting.getCount();
                rows.read(in, id, in.readLong(), offset);
            }
        } catch (EOFException e) {
            throw new IOException("cache chunk " + file + " is truncated", e);
        }
    }

    private static void checkHeader(
            Path file, DataInputStream in, int numClasses, int expectedRecords) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(file + " is not a teacher-logit cache chunk");
        }
        int version = in.readInt();
        int classes = in.readInt();
        int records = in.readInt();
        if (version != CacheManifest.FORMAT_VERSION
                || classes != numClasses
                || records != expectedRecords) {
            throw new IOException(
                    String.format(
                            "cache chunk %s holds format %d, %d classes, %d records; the manifest"
                                    + " expects format %d, %d classes, %d records",
                            file,
                            version,
                            classes,
                            records,
                            CacheManifest.FORMAT_VERSION,
                            numClasses,
                            expectedRecords));
        }
    }

    /** Reads the text hash and logits of the record whose hash starts at {@code hashOffset}. */
    static CachedLogits readAt(Path file, String id, long hashOffset, int numClasses)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + Float.BYTES * numClasses);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, hashOffset + buffer.position()) < 0) {
                    throw new IOException("cache chunk " + file + " is truncated");
                }
            }
        }
        buffer.flip();
        long hash = buffer.getLong();
        float[] logits = new float[numClasses];
        buffer.asFloatBuffer().get(logits);
        return new CachedLogits(id, hash, logits);
    }
}

package io.github.bertdistill.teacher.weights;

import ai.djl.ndarray.types.Shape;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The index of a TensorFlow tensor bundle ({@code variables.index}), read without TensorFlow.
 *
 * <p>The index is a LevelDB-style table: data blocks of prefix-compressed {@code key → value}
 * entries (each block ends with its restart offsets and a 5-byte trailer: compression type and
 * CRC), an index block pointing at them, and a 48-byte footer with the index block's handle and the
 * magic number {@code 0xdb4775248b80fb57}. Each key is a variable name, each value a {@code
 * BundleEntryProto}: {@code dtype} (1), {@code shape} (2, a {@code TensorShapeProto} with {@code
 * dim} (2) {@code size} (1)), {@code shard_id} (3), {@code offset} (4), {@code size} (5). The empty
 * key holds the bundle header and is skipped. Only uncompressed blocks are supported (what
 * TensorFlow writes for bundles).
 */
final class TfBundleIndex {
    private static final long MAGIC = 0xdb4775248b80fb57L;
    private static final int FOOTER = 48;
    private static final int DT_FLOAT = 1;

    /** One variable: where its bytes lie in the data shard. */
    record Entry(String name, int dtype, Shape shape, int shard, long offset, long size) {
        boolean isFloat() {
            return dtype == DT_FLOAT;
        }
    }

    private TfBundleIndex() {}

    /** The entries of an index file, in key order. */
    static List<Entry> parse(byte[] index, String source) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(index).order(ByteOrder.LITTLE_ENDIAN);
        if (index.length < FOOTER || buffer.getLong(index.length - 8) != MAGIC) {
            throw new IOException(source + " is not a TensorFlow bundle index (bad magic number)");
        }
        try {
            CodedInputStream footer =
                    CodedInputStream.newInstance(index, index.length - FOOTER, FOOTER);
            footer.readRawVarint64();
            footer.readRawVarint64();
            long indexOffset = footer.readRawVarint64();
            long indexSize = footer.readRawVarint64();
            List<Entry> entries = new ArrayList<>();
            for (byte[][] handle : block(index, indexOffset, indexSize, source)) {
                CodedInputStream in = CodedInputStream.newInstance(handle[1]);
                long offset = in.readRawVarint64();
                long size = in.readRawVarint64();
                for (byte[][] kv : block(index, offset, size, source)) {
                    if (kv[0].length > 0) {
                        entries.add(entry(new String(kv[0], StandardCharsets.UTF_8), kv[1]));
                    }
                }
            }
            return entries;
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            throw new IOException(source + " is a corrupt TensorFlow bundle index: " + e, e);
        }
    }

    /** The {@code [key, value]} pairs of the block at {@code offset}. */
    private static List<byte[][]> block(byte[] file, long offset, long size, String source)
            throws IOException {
        if (offset < 0 || size < 4 || offset + size + 5 > file.length) {
            throw new IOException(source + ": block handle outside the file (truncated?)");
        }
        int start = (int) offset;
        int end = (int) (offset + size);
        if (file[end] != 0) {
            throw new IOException(
                    source
                            + ": compressed bundle index blocks (type "
                            + file[end]
                            + ") are not supported");
        }
        ByteBuffer le = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int restarts = le.getInt(end - 4);
        int entriesEnd = end - 4 - 4 * restarts;
        CodedInputStream in = CodedInputStream.newInstance(file, start, entriesEnd - start);
        List<byte[][]> out = new ArrayList<>();
        byte[] key = new byte[0];
        while (!in.isAtEnd()) {
            int shared = in.readRawVarint32();
            int unshared = in.readRawVarint32();
            int valueLength = in.readRawVarint32();
            byte[] next = Arrays.copyOf(key, shared + unshared);
            System.arraycopy(in.readRawBytes(unshared), 0, next, shared, unshared);
            key = next;
            out.add(new byte[][] {key, in.readRawBytes(valueLength)});
        }
        return out;
    }

    private static Entry entry(String name, byte[] value) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(value);
        int dtype = 0;
        int shard = 0;
        long offset = 0;
        long size = 0;
        List<Long> dims = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> dtype = in.readEnum();
                case 2 -> readShape(in.readBytes().newCodedInput(), dims);
                case 3 -> shard = in.readInt32();
                case 4 -> offset = in.readInt64();
                case 5 -> size = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        Shape shape = new Shape(dims.stream().mapToLong(Long::longValue).toArray());
        return new Entry(name, dtype, shape, shard, offset, size);
    }

    private static void readShape(CodedInputStream in, List<Long> dims) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 2) {
                CodedInputStream dim = in.readBytes().newCodedInput();
                long size = 0;
                for (int t = dim.readTag(); t != 0; t = dim.readTag()) {
                    if (WireFormat.getTagFieldNumber(t) == 1) {
                        size = dim.readInt64();
                    } else {
                        dim.skipField(t);
                    }
                }
                dims.add(size);
            } else {
                in.skipField(tag);
            }
        }
    }
}

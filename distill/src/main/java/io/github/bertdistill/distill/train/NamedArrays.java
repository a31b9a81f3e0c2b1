package io.github.bertdistill.distill.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.bertdistill.core.model.DerivedWeights;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named arrays in one file, bit for bit: a count, then per array its name and DJL's {@code
 * NDArray.encode()} bytes. Used for a block's parameters (named by their path in {@link
 * Block#getParameters()}) and for the optimiser's moments.
 */
final class NamedArrays {
    private static final int MAGIC = 0x42444e41; // "BDNA"
    private static final NDIndex ALL = new NDIndex("...");

    private NamedArrays() {}

    /** Every parameter of {@code block}, by its unique path name. */
    static Map<String, NDArray> parameters(Block block) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            arrays.put(pair.getKey(), pair.getValue().getArray());
        }
        return arrays;
    }

    /** The parameters of {@code block} that training updates (those that require a gradient). */
    static Map<String, NDArray> trainable(Block block) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getValue().requiresGradient()) {
                arrays.put(pair.getKey(), pair.getValue().getArray());
            }
        }
        return arrays;
    }

    /** Copies of {@code arrays} under the same names, owned by {@code owner}. */
    static Map<String, NDArray> copies(Map<String, NDArray> arrays, NDManager owner) {
        Map<String, NDArray> copies = new LinkedHashMap<>();
        arrays.forEach(
                (name, array) -> {
                    NDArray copy = array.duplicate();
                    copy.attach(owner);
                    copies.put(name, copy);
                });
        return copies;
    }

    /** Writes {@code arrays} to {@code file}. */
    static void write(Path file, Map<String, NDArray> arrays) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
                DataOutputStream data = new DataOutputStream(out)) {
            data.writeInt(MAGIC);
            data.writeInt(arrays.size());
            for (Map.Entry<String, NDArray> entry : arrays.entrySet()) {
                byte[] bytes = entry.getValue().encode();
                data.writeUTF(entry.getKey());
                data.writeInt(bytes.length);
                data.write(bytes);
            }
        }
    }

    /** Reads a file written by {@link #write}, attaching the arrays to {@code manager}. */
    static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != MAGIC) {
                throw new IOException(file + " is not a bert-distill array file");
            }
            int count = data.readInt();
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = data.readUTF();
                byte[] bytes = new byte[data.readInt()];
                data.readFully(bytes);
                arrays.put(name, NDArray.decode(manager, bytes));
            }
            return arrays;
        }
    }

    /**
     * Overwrites every parameter of {@code block} in place with the saved value of the same name,
     * then tells the block ({@link #changed}).
     *
     * @throws IOException naming a parameter that is missing or has another shape
     */
    static void copyInto(Block block, Map<String, NDArray> saved, Path source) throws IOException {
        for (Map.Entry<String, NDArray> entry : parameters(block).entrySet()) {
            NDArray value = saved.get(entry.getKey());
            Shape expected = entry.getValue().getShape();
            if (value == null || !value.getShape().equals(expected)) {
                throw new IOException(
                        source
                                + " does not fit the model: parameter '"
                                + entry.getKey()
                                + "' "
                                + (value == null ? "is missing" : "has shape " + value.getShape())
                                + ", expected "
                                + expected);
            }
            overwrite(entry.getValue(), value);
        }
        changed(block);
    }

    /**
     * Tells {@code block}, if it keeps {@link DerivedWeights}, that its parameters were written in
     * place.
     */
    static void changed(Block block) {
        if (block instanceof DerivedWeights derived) {
            derived.parametersChanged();
        }
    }

    /**
     * Overwrites {@code target} in place with the elements of {@code value} (same shape and type).
     *
     * <p>Not {@code target.set(value.toByteBuffer())}: on PyTorch that goes through the deprecated
     * {@code AutoNonVariableTypeMode}, and libtorch prints a deprecation warning on standard error
     * that the user would see in the middle of a command's output. An indexed copy does not.
     */
    static void overwrite(NDArray target, NDArray value) {
        target.set(ALL, value);
    }
}

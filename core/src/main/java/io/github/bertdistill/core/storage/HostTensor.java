package io.github.bertdistill.core.storage;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * A float32 tensor held in Java memory, row-major: the common currency of the weight readers and
 * writers ({@link SafetensorsFile}, the teacher's ONNX and TensorFlow readers), between a file and
 * a model's parameters.
 *
 * @param shape the dimensions
 * @param data {@code shape.size()} values, row-major
 */
public record HostTensor(Shape shape, float[] data) {

    /** Validates that {@code data} has {@code shape.size()} values. */
    public HostTensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        if (shape.size() != data.length) {
            throw new IllegalArgumentException(
                    "tensor of shape "
                            + shape
                            + " needs "
                            + shape.size()
                            + " values, got "
                            + data.length);
        }
    }

    /** The transpose of a matrix: {@code [rows, cols]} becomes {@code [cols, rows]}. */
    public HostTensor transpose() {
        if (shape.dimension() != 2) {
            throw new IllegalStateException("only a matrix can be transposed, shape is " + shape);
        }
        int rows = Math.toIntExact(shape.get(0));
        int cols = Math.toIntExact(shape.get(1));
        float[] out = new float[data.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = data[r * cols + c];
            }
        }
        return new HostTensor(new Shape(cols, rows), out);
    }
}

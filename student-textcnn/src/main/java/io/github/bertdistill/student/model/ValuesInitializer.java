package io.github.bertdistill.student.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/** Initialises a parameter with given values, checking that their shape is the expected one. */
final class ValuesInitializer implements Initializer {
    private final String name;
    private final float[] values;
    private final Shape shape;
    private final String source;

    ValuesInitializer(String name, float[] values, Shape shape, String source) {
        this.name = name;
        this.values = values;
        this.shape = shape;
        this.source = source;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape expected, DataType dataType) {
        if (!expected.equals(shape) || values.length != expected.size()) {
            throw new IllegalArgumentException(
                    source
                            + ": tensor "
                            + name
                            + " has shape "
                            + shape
                            + " but the config and vocabulary need "
                            + expected);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}

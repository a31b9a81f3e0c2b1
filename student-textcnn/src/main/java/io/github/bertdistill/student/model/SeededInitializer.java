package io.github.bertdistill.student.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Uniform {@code U(−bound, bound)} values drawn from a seeded Java generator, so that a seed gives
 * the same network on every machine and engine, independent of the engine's global random state.
 */
final class SeededInitializer implements Initializer {
    private final double bound;
    private final long seed;

    SeededInitializer(double bound, long seed) {
        this.bound = bound;
        this.seed = seed;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-bound, bound);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}

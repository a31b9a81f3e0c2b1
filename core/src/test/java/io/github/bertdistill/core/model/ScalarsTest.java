package io.github.bertdistill.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.bertdistill.core.engine.EngineBootstrap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    @Test
    void isAZeroDimensionalArrayOfTheSameType() {
        EngineBootstrap.start();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray scalar = Scalars.of(manager.ones(new Shape(3)), 2.5);
            assertEquals(new Shape(), scalar.getShape());
            assertEquals(DataType.FLOAT32, scalar.getDataType());
            assertEquals(2.5f, scalar.getFloat());
        }
    }

    /**
     * The operand saved by autograd must outlive a garbage collection between forward and backward
     * (DJL's {@code x.div(5.657f)} fails this: backward divides by freed, reused memory).
     */
    @Test
    void survivesAGarbageCollectionBetweenForwardAndBackward() throws Exception {
        EngineBootstrap.start();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(4));
            x.setRequiresGradient(true);
            try (GradientCollector collector =
                    Engine.getEngine(EngineBootstrap.ENGINE_NAME).newGradientCollector()) {
                NDArray loss = x.div(Scalars.of(x, 4)).sum();
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    Thread.sleep(20);
                }
                List<ByteBuffer> reuse = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    reuse.add(ByteBuffer.allocateDirect(4));
                }
                collector.backward(loss);
                assertEquals(20_000, reuse.size());
            }
            assertArrayEquals(
                    new float[] {0.25f, 0.25f, 0.25f, 0.25f}, x.getGradient().toFloatArray());
        }
    }
}

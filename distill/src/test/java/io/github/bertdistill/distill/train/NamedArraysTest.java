package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.bertdistill.core.engine.EngineBootstrap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedArraysTest {

    @Test
    void copyingIntoABlockWithDerivedWeightsTellsIt() throws IOException {
        EngineBootstrap.start();
        try (NDManager manager = NDManager.newBaseManager()) {
            CountingBlock target = new CountingBlock();
            CountingBlock source = new CountingBlock();
            Shape input = new Shape(1, 4);
            target.initialize(manager, DataType.FLOAT32, input);
            source.initialize(manager, DataType.FLOAT32, input);
            Map<String, NDArray> saved = NamedArrays.parameters(source);
            saved.values().forEach(array -> array.set(new NDIndex("..."), 0.5f));

            NamedArrays.copyInto(target, saved, Path.of("saved.bin"));

            assertEquals(1, target.changes);
            for (NDArray array : NamedArrays.parameters(target).values()) {
                float[] expected = new float[Math.toIntExact(array.size())];
                java.util.Arrays.fill(expected, 0.5f);
                assertArrayEquals(expected, array.toFloatArray());
            }
        }
    }
}

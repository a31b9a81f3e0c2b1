package io.github.bertdistill.distill.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.DerivedWeights;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedArraysTest {

    /** A block that counts how often it is told its parameters changed. */
    private static final class CountingBlock extends SequentialBlock implements DerivedWeights {
        int changes;

        CountingBlock() {
            add(Linear.builder().setUnits(3).build());
        }

        @Override
        public void parametersChanged() {
            changes++;
        }
    }

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

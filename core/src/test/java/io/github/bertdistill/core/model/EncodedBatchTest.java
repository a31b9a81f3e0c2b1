package io.github.bertdistill.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.bertdistill.core.engine.EngineBootstrap;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedBatchTest {

    private static final EncodedText SHORT = EncodedText.of(new long[] {5, 6}, 2);
    private static final EncodedText LONG =
            new EncodedText(new long[] {7, 8, 9}, new long[] {0, 1, 1}, 10);

    @Test
    void padsDynamicallyToTheLongestItem() {
        EncodedBatch batch = EncodedBatch.pad(List.of(SHORT, LONG), 0, 1);

        assertEquals(2, batch.size());
        assertEquals(3, batch.length());
        assertArrayEquals(new long[] {5, 6, 0, 7, 8, 9}, batch.tokenIds());
        assertArrayEquals(new long[] {1, 1, 0, 1, 1, 1}, batch.attentionMask());
        assertArrayEquals(new long[] {0, 0, 0, 0, 1, 1}, batch.tokenTypeIds());
        assertEquals(1, batch.truncatedCount());
    }

    @Test
    void honoursTheMinimumLength() {
        EncodedBatch batch = EncodedBatch.pad(List.of(SHORT), 99, 5);
        assertArrayEquals(new long[] {5, 6, 99, 99, 99}, batch.tokenIds());
        assertArrayEquals(new long[] {1, 1, 0, 0, 0}, batch.attentionMask());
    }

    @Test
    void rejectsAnEmptyBatch() {
        assertThrows(IllegalArgumentException.class, () -> EncodedBatch.pad(List.of(), 0, 1));
    }

    @Test
    void becomesInt64ModelInput() {
        EngineBootstrap.start();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDList input = EncodedBatch.pad(List.of(SHORT, LONG), 0, 1).toNDList(manager);
            assertEquals(3, input.size());
            assertEquals(new Shape(2, 3), input.get(0).getShape());
            assertEquals(DataType.INT64, input.get(1).getDataType());
            assertArrayEquals(new long[] {1, 1, 0, 1, 1, 1}, input.get(1).toLongArray());
        }
    }
}

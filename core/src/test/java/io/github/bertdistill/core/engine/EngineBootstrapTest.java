package io.github.bertdistill.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EngineBootstrapTest {

    @Test
    void surefireRunsOffline() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getenv("DJL_OFFLINE"));
        assertEquals("true", System.getenv("OPT_OUT_TRACKING"));
    }

    @Test
    void startsPyTorchOfflineAndRunsAnOperation() {
        EngineInfo info = EngineBootstrap.start();

        assertEquals(EngineBootstrap.ENGINE_NAME, info.engineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        assertTrue(EngineBootstrap.isStarted());
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3});
            NDArray b = manager.create(new float[] {10, 20, 30});
            assertArrayEquals(new float[] {11, 22, 33}, a.add(b).toFloatArray());
            assertEquals("PyTorch", manager.getEngine().getEngineName());
        }
    }

    @Test
    void laterStartsReturnTheRunningEngine() {
        EngineInfo first = EngineBootstrap.start();
        assertSame(first, EngineBootstrap.start(new ThreadSettings(1, 1)));
    }

    @Test
    void rejectsNegativeThreadCounts() {
        assertThrows(IllegalArgumentException.class, () -> new ThreadSettings(-1, 0));
    }
}

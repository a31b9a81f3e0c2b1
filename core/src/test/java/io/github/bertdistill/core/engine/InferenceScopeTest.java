package io.github.bertdistill.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InferenceScopeTest {

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    /** PyTorch's grad mode on this thread: before, inside and after an {@link InferenceScope}. */
    private static boolean[] gradMode() {
        boolean before = JniUtils.isGradMode();
        boolean inside;
        try (InferenceScope scope = InferenceScope.enter()) {
            inside = JniUtils.isGradMode();
        }
        return new boolean[] {before, inside, JniUtils.isGradMode()};
    }

    @Test
    void aWorkerThreadLeavesGradModeInsideTheScopeAndGetsItBack() throws InterruptedException {
        boolean[] fresh = new boolean[3];
        Thread thread = new Thread(() -> System.arraycopy(gradMode(), 0, fresh, 0, 3));
        thread.start();
        thread.join();
        assertArrayEquals(new boolean[] {true, false, true}, fresh);
    }

    @Test
    void theEngineThreadStaysOutOfGradMode() {
        assertArrayEquals(new boolean[] {false, false, false}, gradMode());
    }
}

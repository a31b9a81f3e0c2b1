package io.github.bertdistill.distill.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.bertdistill.core.engine.EngineBootstrap;

/**
 * Copies one array into another in a JVM of its own, so that {@link NativeWarningsTest} sees what
 * libtorch prints on standard error (its warnings are printed once per process). Argument: {@code
 * overwrite} ({@link NamedArrays#overwrite}) or {@code buffer} ({@code NDArray.set(Buffer)}). Exits
 * with 1 if the copy is wrong.
 */
final class ArrayCopyProcess {
    private ArrayCopyProcess() {}

    public static void main(String[] args) {
        EngineBootstrap.start();
        try (NDManager manager = NDManager.newBaseManager(EngineBootstrap.ENGINE_NAME)) {
            NDArray target = manager.zeros(new Shape(2, 3));
            NDArray value = manager.arange(6f).reshape(2, 3);
            if (args[0].equals("overwrite")) {
                NamedArrays.overwrite(target, value);
            } else {
                target.set(value.toByteBuffer());
            }
            System.exit(target.contentEquals(value) ? 0 : 1);
        }
    }
}

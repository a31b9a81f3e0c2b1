package io.github.bertdistill.eval;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.BlockTextClassifier;
import io.github.bertdistill.core.model.TextEncoder;
import io.github.bertdistill.core.testing.CharacterEncoder;

/**
 * A real DJL {@link BlockTextClassifier} small enough for unit tests: one token per character, the
 * mean token id repeated into 4 features, then a dense layer to the classes (4 × k + k parameters).
 */
public final class TinyTrainableClassifier {
    /** Features fed to the dense layer. */
    public static final int FEATURES = 4;

    private static final TextEncoder CHARS = CharacterEncoder.codePoints(64);

    private TinyTrainableClassifier() {}

    /** A new classifier over {@code labels}, with seeded random weights. */
    public static BlockTextClassifier create(LabelSet labels) {
        EngineBootstrap.start();
        NDManager manager = NDManager.newBaseManager(EngineBootstrap.ENGINE_NAME);
        SequentialBlock block =
                new SequentialBlock()
                        .add(
                                new LambdaBlock(
                                        in ->
                                                new NDList(
                                                        in.get(0)
                                                                .toType(DataType.FLOAT32, false)
                                                                .div(1000f)
                                                                .mean(new int[] {1}, true)
                                                                .repeat(1, FEATURES))))
                        .add(Linear.builder().setUnits(labels.size()).build());
        manager.getEngine().setRandomSeed(1);
        Shape input = new Shape(1, 5);
        block.initialize(manager, DataType.FLOAT32, input, input, input);
        return new BlockTextClassifier(block, CHARS, labels, manager);
    }
}

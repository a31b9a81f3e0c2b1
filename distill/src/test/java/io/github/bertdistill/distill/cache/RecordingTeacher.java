package io.github.bertdistill.distill.cache;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
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
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.testing.CharacterEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@link io.github.bertdistill.core.model.TrainableClassifier} teacher (masked mean of
 * one-hot letters → Linear(3), weights fixed by a seed) that records the size and padded length of
 * every batch it is given and can fail on a given call, to simulate an interrupted run.
 */
final class RecordingTeacher extends BlockTextClassifier {
    static final int MAX_LENGTH = 64;
    private static final LabelSet LABELS = LabelSet.of("neg", "neu", "pos");

    /** {@code [size, padded length]} of each batch, in call order. */
    private final List<int[]> batches = new ArrayList<>();

    private final int failOnCall;
    private int calls;

    private RecordingTeacher(SequentialBlock block, NDManager manager, int failOnCall) {
        super(block, CharacterEncoder.lowercaseLetters(MAX_LENGTH), LABELS, manager);
        this.failOnCall = failOnCall;
    }

    /** A teacher that never fails; every instance has the same weights. */
    static RecordingTeacher create() {
        return create(-1);
    }

    /** A teacher whose batch number {@code failOnCall} (0-based) throws. */
    static RecordingTeacher create(int failOnCall) {
        EngineBootstrap.start();
        Engine.getEngine(EngineBootstrap.ENGINE_NAME).setRandomSeed(11);
        SequentialBlock block =
                new SequentialBlock()
                        .add(
                                new LambdaBlock(
                                        in -> {
                                            NDArray mask =
                                                    in.get(1)
                                                            .toType(DataType.FLOAT32, false)
                                                            .expandDims(2);
                                            NDArray bag =
                                                    in.get(0)
                                                            .oneHot(
                                                                    CharacterEncoder
                                                                            .LETTER_VOCABULARY)
                                                            .mul(mask)
                                                            .sum(new int[] {1});
                                            return new NDList(bag.div(mask.sum(new int[] {1})));
                                        }))
                        .add(Linear.builder().setUnits(LABELS.size()).build());
        NDManager manager = NDManager.newBaseManager(EngineBootstrap.ENGINE_NAME);
        Shape shape = new Shape(1, 8);
        block.initialize(manager, DataType.FLOAT32, shape, shape, shape);
        return new RecordingTeacher(block, manager, failOnCall);
    }

    List<int[]> batches() {
        return batches;
    }

    @Override
    public float[][] logits(EncodedBatch batch) {
        if (calls++ == failOnCall) {
            throw new IllegalStateException("teacher killed on call " + failOnCall);
        }
        batches.add(new int[] {batch.size(), batch.length()});
        return super.logits(batch);
    }
}

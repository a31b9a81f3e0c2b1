package io.github.bertdistill.distill.train;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.github.bertdistill.core.model.DerivedWeights;

/** One linear layer that counts how often it is told its parameters changed. */
final class CountingBlock extends SequentialBlock implements DerivedWeights {
    int changes;

    CountingBlock() {
        add(Linear.builder().setUnits(3).build());
    }

    @Override
    public void parametersChanged() {
        changes++;
    }
}

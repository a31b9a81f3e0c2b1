package io.github.bertdistill.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.InferenceScope;
import java.util.Objects;

/**
 * A {@link TrainableClassifier} made of a block, its encoder and a label set: the shared inference
 * path of teachers and students.
 *
 * <p>{@link #logits} encodes the batch, runs the block in inference mode and copies the logits out;
 * every NDArray of the call lives in a sub-manager closed before returning, so repeated calls do
 * not grow native memory. One instance may be used from several threads: each call has its own
 * sub-manager, runs in an {@link InferenceScope} (no autograd graph, whichever thread calls) and
 * only reads the block's parameters.
 */
public class BlockTextClassifier implements TrainableClassifier {
    private final Block block;
    private final TextEncoder encoder;
    private final LabelSet labels;
    private final NDManager manager;

    /**
     * @param block the initialised network; {@code forward} returns logits first
     * @param encoder prepares the block's input
     * @param labels the classes, in logit order
     * @param manager the manager owning the block's parameters; closed by {@link #close()}
     */
    public BlockTextClassifier(
            Block block, TextEncoder encoder, LabelSet labels, NDManager manager) {
        this.block = Objects.requireNonNull(block, "block");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public Block block() {
        return block;
    }

    @Override
    public TextEncoder encoder() {
        return encoder;
    }

    /** The manager owning the parameters. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public float[][] logits(EncodedBatch batch) {
        try (NDManager step = manager.newSubManager();
                InferenceScope noGraph = InferenceScope.enter()) {
            NDList input = batch.toNDList(step);
            NDArray logits = block.forward(new ParameterStore(step, false), input, false).head();
            int classes = labels.size();
            if (logits.getShape().dimension() != 2 || logits.getShape().get(1) != classes) {
                throw new IllegalStateException(
                        "block returned logits of shape "
                                + logits.getShape()
                                + ", expected ["
                                + batch.size()
                                + ", "
                                + classes
                                + "]");
            }
            float[] flat = logits.toFloatArray();
            float[][] rows = new float[batch.size()][classes];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * classes, rows[i], 0, classes);
            }
            return rows;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}

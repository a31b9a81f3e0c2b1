package io.github.bertdistill.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
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
public class BlockTextClassifier implements TrainableClassifier, FeatureClassifier {
    private final Block block;
    private final TextEncoder encoder;
    private final LabelSet labels;
    private final NDManager manager;
    private final int featureSize;
    private volatile boolean closed;

    /**
     * @param block the initialised network; {@code forward} returns logits first
     * @param encoder prepares the block's input
     * @param labels the classes, in logit order
     * @param manager the manager owning the block's parameters; closed by {@link #close()}
     */
    public BlockTextClassifier(
            Block block, TextEncoder encoder, LabelSet labels, NDManager manager) {
        this(block, encoder, labels, manager, 0);
    }

    /**
     * A classifier whose block returns its features on request ({@link
     * FeatureClassifier#withFeatures()}).
     *
     * @param featureSize the width of the features, or 0 if the block has none
     */
    public BlockTextClassifier(
            Block block, TextEncoder encoder, LabelSet labels, NDManager manager, int featureSize) {
        this.block = Objects.requireNonNull(block, "block");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.manager = Objects.requireNonNull(manager, "manager");
        if (featureSize < 0) {
            throw new IllegalArgumentException("a feature size must be >= 0, got " + featureSize);
        }
        this.featureSize = featureSize;
    }

    @Override
    public LabelSet labels() {
        return labels;
    }

    @Override
    public Block block() {
        return block;
    }

    /**
     * The encoder of this classifier's texts.
     *
     * @throws IllegalStateException once the classifier is closed
     */
    @Override
    public TextEncoder encoder() {
        requireOpen();
        return encoder;
    }

    /** The manager owning the parameters. */
    public NDManager manager() {
        return manager;
    }

    @Override
    public float[][] logits(EncodedBatch batch) {
        requireOpen();
        try (NDManager step = manager.newSubManager();
                InferenceScope noGraph = InferenceScope.enter()) {
            return rows(forward(batch, step, null).get(0), batch, labels.size(), "logits");
        }
    }

    @Override
    public int featureSize() {
        return featureSize;
    }

    @Override
    public float[][] features(EncodedBatch batch) {
        return logitsAndFeatures(batch).features();
    }

    /** Both outputs of one forward pass with the features asked for. */
    @Override
    public LogitsAndFeatures logitsAndFeatures(EncodedBatch batch) {
        requireOpen();
        if (featureSize == 0) {
            throw new UnsupportedOperationException("this classifier's block returns no features");
        }
        try (NDManager step = manager.newSubManager();
                InferenceScope noGraph = InferenceScope.enter()) {
            NDList outputs = forward(batch, step, FeatureClassifier.withFeatures());
            return new LogitsAndFeatures(
                    rows(outputs.get(0), batch, labels.size(), "logits"),
                    rows(outputs.get(1), batch, featureSize, "features"));
        }
    }

    /** The block's outputs for {@code batch} in inference mode, owned by {@code step}. */
    private NDList forward(EncodedBatch batch, NDManager step, PairList<String, Object> params) {
        return block.forward(new ParameterStore(step, false), batch.toNDList(step), false, params);
    }

    /** {@code values} copied out as rows, checked to be {@code [B, width]}. */
    private static float[][] rows(NDArray values, EncodedBatch batch, int width, String what) {
        if (values.getShape().dimension() != 2
                || values.getShape().get(0) != batch.size()
                || values.getShape().get(1) != width) {
            throw new IllegalStateException(
                    "block returned "
                            + what
                            + " of shape "
                            + values.getShape()
                            + ", expected ["
                            + batch.size()
                            + ", "
                            + width
                            + "]");
        }
        float[] flat = values.toFloatArray();
        float[][] rows = new float[batch.size()][width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * width, rows[i], 0, width);
        }
        return rows;
    }

    /** Frees the parameters; a second call does nothing, and every later call is refused. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    /** Whether {@link #close()} was called. */
    protected boolean isClosed() {
        return closed;
    }

    /**
     * Refuses a call once the classifier is closed, in the words a user can act on (not the
     * engine's "released" message).
     *
     * @throws IllegalStateException once the classifier is closed
     */
    protected void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the classifier is closed");
        }
    }
}

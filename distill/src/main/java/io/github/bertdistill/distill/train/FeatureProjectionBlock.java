package io.github.bertdistill.distill.train;

import static com.google.common.base.Preconditions.checkArgument;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.github.bertdistill.core.model.FeatureClassifier;
import java.util.SplittableRandom;

/**
 * The block trained in representation distillation: the student's block, whose outputs are {@code
 * [logits, features s]}, followed on its features by a linear projection {@code p = W·s + b} to the
 * teacher's width {@code H}; it returns {@code [logits, p]}. The projection exists only during
 * training (it is checkpointed with the student, so a run resumes, but never saved with the model):
 * the student that is served is the wrapped block alone.
 *
 * <p>{@code W} and {@code b} start at {@code U(−1/√F, 1/√F)} drawn in Java from the run's seed
 * (PyTorch's default for a linear layer), so a seed gives the same run everywhere.
 */
final class FeatureProjectionBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Block student;
    private final Linear projection;
    private final int studentFeatures;

    /**
     * Wraps {@code student} (initialised) and initialises the projection in {@code manager}.
     *
     * @param studentFeatures the width {@code F} of the student's features
     * @param teacherFeatures the width {@code H} of the teacher's
     */
    FeatureProjectionBlock(
            Block student, int studentFeatures, int teacherFeatures, long seed, NDManager manager) {
        super(VERSION);
        checkArgument(studentFeatures > 0, "the student has no features to project");
        checkArgument(teacherFeatures > 0, "the teacher has no features to match");
        this.student = addChildBlock("student", student);
        this.studentFeatures = studentFeatures;
        this.projection =
                addChildBlock("projection", Linear.builder().setUnits(teacherFeatures).build());
        double bound = 1 / Math.sqrt(studentFeatures);
        projection.getParameters().get("weight").setInitializer(uniform(bound, seed + 1));
        projection.getParameters().get("bias").setInitializer(uniform(bound, seed + 2));
        projection.initialize(manager, DataType.FLOAT32, new Shape(1, studentFeatures));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList outputs = student.forward(store, inputs, training, FeatureClassifier.withFeatures());
        checkArgument(
                outputs.size() >= 2,
                "the student's block returns no features (only %s output)",
                outputs.size());
        NDArray projected = projection.forward(store, new NDList(outputs.get(1)), training).head();
        return new NDList(outputs.head(), projected);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] outputs = student.getOutputShapes(inputShapes);
        return new Shape[] {
            outputs[0], projection.getOutputShapes(new Shape[] {new Shape(1, studentFeatures)})[0]
        };
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        // both children are initialised already: the student by its owner, the projection above
    }

    private static Initializer uniform(double bound, long seed) {
        return (manager, shape, dataType) -> {
            SplittableRandom random = new SplittableRandom(seed);
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
            return manager.create(values, shape).toType(dataType, false);
        };
    }
}

package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A forward-only DJL block whose parameters and children carry Hugging Face module names, so that
 * every parameter of a model can be found by its PyTorch {@code state_dict} name (e.g. {@code
 * encoder.layer.3.attention.self.query.weight}).
 *
 * <p>DJL prefixes child names with a position ({@code 01encoder_…}), so names cannot be recovered
 * from {@code getParameters()}; {@link #collectParameters} walks the HF names instead. Every
 * parameter has a fixed shape known at construction (from the {@code BertConfig}), so a block
 * initialises without shape inference: the input shapes given to {@code initialize} are ignored
 * below the root.
 */
public abstract class HfBlock extends AbstractBlock {
    private final Map<String, HfBlock> hfChildren = new LinkedHashMap<>();
    private final Map<String, Parameter> hfParameters = new LinkedHashMap<>();

    /** Registers {@code block} as the child module named {@code hfName} (dots allowed). */
    protected final <B extends HfBlock> B addHfChild(String hfName, B block) {
        addChildBlock(hfName.replace('.', '_'), block);
        hfChildren.put(hfName, block);
        return block;
    }

    /** Registers a parameter of fixed {@code shape} named {@code hfName} within this module. */
    protected final Parameter addHfParameter(String hfName, Parameter.Type type, Shape shape) {
        Parameter parameter =
                addParameter(
                        Parameter.builder()
                                .setName(hfName.replace('.', '_'))
                                .setType(type)
                                .optShape(shape)
                                .build());
        hfParameters.put(hfName, parameter);
        return parameter;
    }

    /**
     * Adds this module's parameters, and its children's, to {@code out} under their HF names
     * prefixed with {@code prefix} (empty, or ending with a dot).
     */
    public final void collectParameters(String prefix, Map<String, Parameter> out) {
        hfParameters.forEach((name, parameter) -> out.put(prefix + name, parameter));
        hfChildren.forEach((name, child) -> child.collectParameters(prefix + name + ".", out));
    }

    /**
     * Initialises every parameter in float32 on {@code manager} (shapes are fixed by the
     * configuration, so no input shape is needed).
     */
    public final void initialize(NDManager manager) {
        initialize(manager, DataType.FLOAT32, new Shape(1, 1));
    }

    /** Every parameter of this module and its children, by HF name, in module order. */
    public final Map<String, Parameter> hfParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collectParameters("", out);
        return Collections.unmodifiableMap(out);
    }

    /** The value of {@code parameter} for this forward pass, on the device of {@code like}. */
    protected static NDArray value(
            ParameterStore store, Parameter parameter, NDArray like, boolean training) {
        return store.getValue(parameter, like.getDevice(), training);
    }

    /**
     * {@code x} with dropout at {@code rate} in training; {@code x} itself otherwise (no engine
     * call at all in inference).
     */
    protected static NDArray dropout(NDArray x, float rate, boolean training) {
        return training && rate > 0 ? Dropout.dropout(x, rate, true).head() : x;
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (HfBlock child : hfChildren.values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}

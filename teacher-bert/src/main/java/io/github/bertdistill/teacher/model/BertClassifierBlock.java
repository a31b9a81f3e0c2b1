package io.github.bertdistill.teacher.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.teacher.config.BertConfig;
import java.util.Objects;

/**
 * BERT with a classification head, Hugging Face's {@code BertForSequenceClassification}: {@code
 * logits = W · dropout(pool(BERT(x))) + b}, parameters named {@code bert.…} and {@code
 * classifier.weight}/{@code classifier.bias}.
 *
 * <p>Input {@code [tokenIds, attentionMask, tokenTypeIds]} (int64 {@code [batch, length]}); output
 * {@code [logits]}, raw scores {@code [batch, classes]}, never softmax-normalised; with the forward
 * parameter {@code FeatureClassifier.withFeatures()} also the pooled sentence vector the head
 * reads, {@code [batch, hidden]}, before dropout (the features representation distillation
 * matches).
 */
public final class BertClassifierBlock extends HfBlock {
    private final BertModel bert;
    private final Dense classifier;
    private final Pooling pooling;
    private final int classes;
    private final float dropout;

    private BertClassifierBlock(Builder builder) {
        BertConfig config = Objects.requireNonNull(builder.config, "config");
        this.pooling = Objects.requireNonNull(builder.pooling, "pooling");
        if (builder.classes < 1) {
            throw new IllegalArgumentException("a classifier needs at least one class");
        }
        this.classes = builder.classes;
        this.dropout = config.hiddenDropoutProb();
        bert =
                addHfChild(
                        "bert",
                        BertModel.builder()
                                .setConfig(config)
                                .optPooler(pooling == Pooling.POOLER)
                                .build());
        classifier = addHfChild("classifier", new Dense(config.hiddenSize(), classes));
        setInitializer(new NormalInitializer(config.initializerRange()), Parameter.Type.WEIGHT);
    }

    /** A builder; the configuration and the number of classes are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The encoder. */
    public BertModel bert() {
        return bert;
    }

    /** The pooling strategy. */
    public Pooling pooling() {
        return pooling;
    }

    /** Number of classes (logits per text). */
    public int classes() {
        return classes;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDList encoded = bert.forward(store, inputs, training);
        NDArray pooled =
                pooling.pool(
                        encoded.head(), inputs.get(1), encoded.size() > 1 ? encoded.get(1) : null);
        NDArray dropped = dropout(pooled, dropout, training);
        NDList logits = classifier.forward(store, new NDList(dropped), training);
        return FeatureClassifier.featuresAsked(params) ? new NDList(logits.head(), pooled) : logits;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    /** Builds a {@link BertClassifierBlock}. */
    public static final class Builder {
        private BertConfig config;
        private int classes;
        private Pooling pooling = Pooling.CLS;

        private Builder() {}

        /** The encoder's architecture (required). */
        public Builder setConfig(BertConfig config) {
            this.config = config;
            return this;
        }

        /** The number of classes (required). */
        public Builder setClasses(int classes) {
            this.classes = classes;
            return this;
        }

        /** The pooling; default {@link Pooling#CLS}. */
        public Builder optPooling(Pooling pooling) {
            this.pooling = pooling;
            return this;
        }

        /** The block, not yet initialised. */
        public BertClassifierBlock build() {
            return new BertClassifierBlock(this);
        }
    }
}

package io.github.bertdistill.core.model;

import ai.djl.util.PairList;

/**
 * A classifier that also gives, for each text, the feature vector its output layer reads: for BERT
 * the pooled sentence vector (the [CLS] state, or the pooler's or the mean over tokens, whichever
 * the classifier uses), for TextCNN the max-pooled filter responses.
 *
 * <p>Representation distillation ("hints", Romero et al. 2015, "FitNets: Hints for Thin Deep Nets";
 * Mukherjee &amp; Awadallah 2020, "XtremeDistil") trains a student to predict the teacher's feature
 * vector {@code h_t} from its own {@code h_s} through a learned projection, {@code ‖W·h_s + b −
 * h_t‖²}, beside the usual loss on the logits: the teacher's sentence vector says more about a text
 * than the two to six numbers of its logits.
 *
 * <p>For a {@link TrainableClassifier} the features are asked of its block by a forward parameter:
 * {@code block().forward(store, inputs, training, FeatureClassifier.withFeatures())} returns {@code
 * [logits, features]}, {@code features} of shape {@code [batch, featureSize()]} taken before any
 * dropout; without the parameter the block returns {@code [logits]} alone, so DJL's own trainers,
 * losses and translators see the single output they expect.
 */
public interface FeatureClassifier extends EncodingClassifier {
    /** The forward parameter that asks a block for its features as a second output. */
    String FEATURES = "features";

    /** Forward parameters that ask for the features ({@link #FEATURES}). */
    static PairList<String, Object> withFeatures() {
        PairList<String, Object> params = new PairList<>();
        params.add(FEATURES, Boolean.TRUE);
        return params;
    }

    /** Whether {@code params} (those a block's forward received; may be null) ask for features. */
    static boolean featuresAsked(PairList<String, Object> params) {
        return params != null && params.contains(FEATURES);
    }

    /** The width {@code H} of the feature vector; 0 if this classifier has none. */
    int featureSize();

    /**
     * The feature vectors of a batch already encoded by {@link #encoder()}.
     *
     * @return one row of {@link #featureSize()} values per item of {@code batch}
     * @throws UnsupportedOperationException if {@link #featureSize()} is 0
     */
    float[][] features(EncodedBatch batch);

    /**
     * The logits and the feature vectors of a batch. The default asks {@link #logits} and {@link
     * #features} in turn; classifiers that get both from one forward pass (a block asked for its
     * features, an ONNX graph with both outputs) override it, which halves the cost of a caller
     * that needs both, such as the labelling of a transfer set for representation distillation.
     *
     * @throws UnsupportedOperationException if {@link #featureSize()} is 0
     */
    default LogitsAndFeatures logitsAndFeatures(EncodedBatch batch) {
        return new LogitsAndFeatures(logits(batch), features(batch));
    }
}

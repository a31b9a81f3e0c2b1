package io.github.bertdistill.student.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.github.bertdistill.core.model.DerivedWeights;
import io.github.bertdistill.core.model.FeatureClassifier;
import io.github.bertdistill.student.init.EmbeddingMatrix;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TextCNN (Kim 2014, "Convolutional Neural Networks for Sentence Classification") as a forward-only
 * DJL block.
 *
 * <p>For a text of {@code n} real tokens with embeddings {@code x_1..x_n ∈ R^d}, each kernel width
 * {@code h} has {@code F} filters {@code w ∈ R^{h·d}}; filter {@code j} produces the feature map
 * {@code c_t = ReLU(w_j · x_{t:t+h−1} + b_j)} and keeps its maximum over time {@code ĉ_j = max_t
 * c_t}. The pooled features of all widths are concatenated, dropped out with rate {@code p} during
 * training, and a linear layer maps them to raw logits {@code z = W·ĉ + b} (never a softmax).
 *
 * <p><b>Input:</b> {@code [tokenIds, attentionMask, tokenTypeIds]}, int64 {@code [B, L]}; the type
 * ids are ignored and may be left out. <b>Output:</b> {@code [logits]}, float32 {@code [B,
 * classes]}; with the forward parameter {@code FeatureClassifier.withFeatures()} also the pooled
 * features {@code ĉ} after the ReLU and before dropout, {@code [B, F·widths]} (with attention
 * pooling {@code [ĉ; s]}, see below), which representation distillation projects onto the
 * teacher's.
 *
 * <p><b>Padding never changes the result.</b> Real tokens come first and padding last (as {@code
 * EncodedBatch} lays them out). Embeddings at padding positions are multiplied by the mask (zero
 * vectors, whatever the {@code [PAD]} row holds), and a window is kept only if it lies inside the
 * real tokens ({@code t ≤ n − h}); a text shorter than a kernel ({@code n < h}) keeps exactly one
 * window, at {@code t = 0}, which sees its tokens followed by zero vectors. Dropped windows get
 * {@code −∞} before the max. Because ReLU is monotone, {@code max_t ReLU(c_t) = ReLU(max_t c_t)},
 * so one ReLU is applied to the pooled features. The padded length {@code L} must be at least the
 * widest kernel (the encoder's {@code minBatchLength}); an empty text ({@code n = 0}) gets the
 * logits of an all-zero input. The masks are built in Java from the attention mask, and skipped
 * when a batch has no padding.
 *
 * <p><b>One text at a time</b> (a batch of one, in inference mode) takes another route to the same
 * result: each width's filters packed into a matrix and applied to the text's windows in one
 * product, with the max-pooling and the output layer in Java ({@link PackedConvolutions}). The
 * packed matrices are built on first use and dropped whenever the parameters may change: by every
 * forward pass in training mode, by {@link #initialize} and {@link #loadParameters}, and by {@link
 * #parametersChanged()}, which code that writes parameters in place calls ({@link DerivedWeights}).
 *
 * <p><b>Embedding modes:</b> {@link EmbeddingMode#STATIC} freezes the embedding matrix ({@code
 * requiresGradient() == false}, so optimisers skip it); {@link EmbeddingMode#NON_STATIC} trains it;
 * {@link EmbeddingMode#MULTICHANNEL} keeps a frozen and a trained copy and concatenates them along
 * the feature axis, so each filter has weights for both channels (Kim's two channels).
 *
 * <p><b>LSTM layer</b> (optional, {@code lstmSize = H > 0}; RCNN, Lai et al. 2015, "Recurrent
 * Convolutional Neural Networks for Text Classification"): a bidirectional LSTM reads the
 * embeddings first, and the convolutions then read, at every position, the embedding beside the two
 * LSTM states, {@code [x_t; →h_t; ←h_t]}, so a filter that fires on a word also sees what came
 * before and after it in the whole text, across clauses that no kernel spans. The forward LSTM runs
 * over the real tokens and then the padding, which cannot reach back; the backward LSTM runs over
 * each text's real tokens reversed ({@code x_{n−1}..x_0}, padding after them), so padding never
 * reaches either direction, and the states at padding positions are zeroed like the embeddings.
 * Built from two one-directional DJL {@code LSTM} blocks.
 *
 * <p><b>Attention pooling</b> (optional, {@code attentionSize = A > 0}; Yang et al. 2016,
 * "Hierarchical Attention Networks for Document Classification"): the max-pooling keeps, per
 * filter, the one position where it fires most, whatever its place in the text. Attention pooling
 * adds a weighted average of the per-token inputs of the convolutions {@code y_t} (the embeddings,
 * with the LSTM states when there are any): {@code u_t = tanh(W·y_t + b)}, {@code a = softmax_t(q ·
 * u_t)} over the real tokens, {@code s = Σ_t a_t·y_t}, so the classifier can weigh whole clauses
 * (after a <i>but</i>, say) by where and what they are. The features become {@code [ReLU(ĉ); s]}.
 * An empty text attends to its first, all-zero position.
 *
 * <p>Parameters have stable names ({@link #namedParameters()}): {@code embedding.weight [V, d]},
 * {@code embedding_static.weight} (multichannel), with an LSTM layer PyTorch's {@code
 * nn.LSTM(bidirectional=True)} names {@code lstm.weight_ih_l0 [4H, e]}, {@code lstm.weight_hh_l0
 * [4H, H]}, {@code lstm.bias_ih_l0}, {@code lstm.bias_hh_l0 [4H]} and the same with {@code
 * _reverse} (gates in PyTorch's order i, f, g, o; {@code e} the embedding channels), {@code
 * convs.i.weight [F, channels, h_i]}, {@code convs.i.bias [F]}, with attention pooling {@code
 * attention.weight [A, channels]}, {@code attention.bias [A]}, {@code attention.query [A]}, and
 * {@code classifier.weight [classes, features]}, {@code classifier.bias}. Random initialisation is
 * seeded and done in Java: embeddings {@code U(−0.25, 0.25)} (Kim's choice for unknown words),
 * convolution and linear weights and biases {@code U(−1/√fanIn, 1/√fanIn)} (PyTorch's default),
 * LSTM weights and biases {@code U(−1/√H, 1/√H)} (PyTorch's default too), attention weights and
 * bias {@code U(−1/√channels, 1/√channels)} and its query {@code U(−1/√A, 1/√A)}. The {@code [PAD]}
 * row is never read: padding positions are masked.
 *
 * <p>Once initialised, {@code forward} only reads the parameters (the first single text builds the
 * packed matrices, once, under a lock), so it may be called from several threads at once in
 * inference mode; training and {@link #parametersChanged()} must not run beside it.
 */
public final class TextCnnBlock extends AbstractBlock implements DerivedWeights {
    private static final byte VERSION = 1;

    private final int vocabularySize;
    private final int numClasses;
    private final TextCnnConfig config;
    private final Parameter embedding;
    private final Parameter staticEmbedding;
    private final LSTM lstmForward;
    private final LSTM lstmBackward;
    private final List<Conv1d> convs = new ArrayList<>();
    private final Parameter attentionWeight;
    private final Parameter attentionBias;
    private final Parameter attentionQuery;
    private final Linear classifier;
    private final int[] widths;
    private volatile PackedConvolutions packed;

    private TextCnnBlock(Builder b) {
        super(VERSION);
        this.vocabularySize = b.vocabularySize;
        this.numClasses = b.numClasses;
        this.config = b.config.build();
        this.widths = config.kernelWidths();
        int d = config.embeddingSize();
        Shape embeddingShape = new Shape(vocabularySize, d);
        this.embedding =
                addParameter(
                        Parameter.builder()
                                .setName("embedding")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(embeddingShape)
                                .optRequiresGrad(config.embeddingMode() != EmbeddingMode.STATIC)
                                .build());
        this.staticEmbedding =
                config.embeddingMode() == EmbeddingMode.MULTICHANNEL
                        ? addParameter(
                                Parameter.builder()
                                        .setName("embedding_static")
                                        .setType(Parameter.Type.WEIGHT)
                                        .optShape(embeddingShape)
                                        .optRequiresGrad(false)
                                        .build())
                        : null;
        this.lstmForward = config.lstmSize() > 0 ? addChildBlock("lstm_fwd", lstm()) : null;
        this.lstmBackward = config.lstmSize() > 0 ? addChildBlock("lstm_bwd", lstm()) : null;
        for (int i = 0; i < widths.length; i++) {
            convs.add(
                    addChildBlock(
                            "conv" + i + "_k" + widths[i],
                            Conv1d.builder()
                                    .setKernelShape(new Shape(widths[i]))
                                    .setFilters(config.filtersPerWidth())
                                    .build()));
        }
        int attention = config.attentionSize();
        this.attentionWeight =
                attention > 0 ? weight("attention_weight", attention, config.channels()) : null;
        this.attentionBias = attention > 0 ? weight("attention_bias", attention) : null;
        this.attentionQuery = attention > 0 ? weight("attention_query", attention) : null;
        this.classifier =
                addChildBlock("classifier", Linear.builder().setUnits(numClasses).build());
        setSeededInitializers(b.seed, b.embeddings);
    }

    private Parameter weight(String name, long... shape) {
        return addParameter(
                Parameter.builder()
                        .setName(name)
                        .setType(Parameter.Type.WEIGHT)
                        .optShape(new Shape(shape))
                        .build());
    }

    private LSTM lstm() {
        return LSTM.builder()
                .setStateSize(config.lstmSize())
                .setNumLayers(1)
                .optBatchFirst(true)
                .optReturnState(false)
                .build();
    }

    /** A builder; vocabulary size and number of classes are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Rows of the embedding matrix. */
    public int vocabularySize() {
        return vocabularySize;
    }

    /** Number of classes (logits per text). */
    public int numClasses() {
        return numClasses;
    }

    /** The hyper-parameters. */
    public TextCnnConfig config() {
        return config;
    }

    /** Channels of the embedded text: the embedding width, doubled when multichannel. */
    public int embeddingChannels() {
        return config.embeddingChannels();
    }

    /**
     * Input channels of every convolution: the embedding channels, plus both directions' states of
     * the LSTM layer when there is one.
     */
    public int channels() {
        return config.channels();
    }

    /**
     * The parameters under stable, engine-independent names, in a fixed order: the names of the
     * tensors in {@code model.safetensors}.
     */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put("embedding.weight", embedding);
        if (staticEmbedding != null) {
            named.put("embedding_static.weight", staticEmbedding);
        }
        if (lstmForward != null) {
            putLstmParameters(named, lstmForward, "");
            putLstmParameters(named, lstmBackward, "_reverse");
        }
        for (int i = 0; i < convs.size(); i++) {
            named.put("convs." + i + ".weight", convs.get(i).getParameters().get("weight"));
            named.put("convs." + i + ".bias", convs.get(i).getParameters().get("bias"));
        }
        if (attentionWeight != null) {
            named.put("attention.weight", attentionWeight);
            named.put("attention.bias", attentionBias);
            named.put("attention.query", attentionQuery);
        }
        named.put("classifier.weight", classifier.getParameters().get("weight"));
        named.put("classifier.bias", classifier.getParameters().get("bias"));
        return Collections.unmodifiableMap(named);
    }

    private static void putLstmParameters(
            Map<String, Parameter> named, LSTM lstm, String direction) {
        PairList<String, Parameter> own = lstm.getParameters();
        named.put("lstm.weight_ih_l0" + direction, own.get("l_0_i2h_WEIGHT"));
        named.put("lstm.weight_hh_l0" + direction, own.get("l_0_h2h_WEIGHT"));
        named.put("lstm.bias_ih_l0" + direction, own.get("l_0_i2h_BIAS"));
        named.put("lstm.bias_hh_l0" + direction, own.get("l_0_h2h_BIAS"));
    }

    /** The shapes every named parameter has once initialised. */
    public Map<String, Shape> parameterShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        int d = config.embeddingSize();
        int f = config.filtersPerWidth();
        shapes.put("embedding.weight", new Shape(vocabularySize, d));
        if (staticEmbedding != null) {
            shapes.put("embedding_static.weight", new Shape(vocabularySize, d));
        }
        int hidden = config.lstmSize();
        for (String direction : hidden > 0 ? List.of("", "_reverse") : List.<String>of()) {
            shapes.put(
                    "lstm.weight_ih_l0" + direction, new Shape(4L * hidden, embeddingChannels()));
            shapes.put("lstm.weight_hh_l0" + direction, new Shape(4L * hidden, hidden));
            shapes.put("lstm.bias_ih_l0" + direction, new Shape(4L * hidden));
            shapes.put("lstm.bias_hh_l0" + direction, new Shape(4L * hidden));
        }
        for (int i = 0; i < widths.length; i++) {
            shapes.put("convs." + i + ".weight", new Shape(f, channels(), widths[i]));
            shapes.put("convs." + i + ".bias", new Shape(f));
        }
        int attention = config.attentionSize();
        if (attention > 0) {
            shapes.put("attention.weight", new Shape(attention, channels()));
            shapes.put("attention.bias", new Shape(attention));
            shapes.put("attention.query", new Shape(attention));
        }
        shapes.put("classifier.weight", new Shape(numClasses, config.featureCount()));
        shapes.put("classifier.bias", new Shape(numClasses));
        return shapes;
    }

    /** Total number of scalar parameters (frozen ones included). */
    public long parameterCount() {
        return parameterShapes().values().stream().mapToLong(Shape::size).sum();
    }

    /**
     * Replaces every parameter's initializer with fixed values (for loading a saved model); call
     * before {@link #initialize}.
     *
     * @param values row-major float32 values by {@linkplain #namedParameters() name}
     * @param shapes their stored shapes
     * @param source where they come from, for error messages
     * @throws IllegalArgumentException naming a missing, unexpected or mis-shaped tensor
     */
    public void setParameterValues(
            Map<String, float[]> values, Map<String, Shape> shapes, String source) {
        checkState(!isInitialized(), "the block is already initialised");
        Map<String, Shape> expected = parameterShapes();
        for (String name : values.keySet()) {
            checkArgument(
                    expected.containsKey(name),
                    "%s: unexpected tensor %s; this TextCNN has %s",
                    source,
                    name,
                    expected.keySet());
        }
        for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
            String name = e.getKey();
            checkArgument(values.containsKey(name), "%s: tensor %s is missing", source, name);
            e.getValue()
                    .setInitializer(
                            new ValuesInitializer(
                                    name, values.get(name), shapes.get(name), source));
        }
    }

    /**
     * Initialises the parameters, then lets go of the initial values (a loaded or pre-trained
     * embedding matrix can be large): the parameters hold them now.
     */
    @Override
    public void initialize(NDManager manager, DataType dataType, Shape... inputShapes) {
        parametersChanged();
        super.initialize(manager, dataType, inputShapes);
        for (Parameter parameter : namedParameters().values()) {
            if (parameter.getInitializer() instanceof ValuesInitializer) {
                parameter.setInitializer(Initializer.ZEROS);
            }
        }
    }

    /** Loads the parameters DJL's way and drops what was derived from the old ones. */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is)
            throws IOException, MalformedModelException {
        super.loadParameters(manager, is);
        parametersChanged();
    }

    /** Initialises the parameters for inputs of shape {@code [batch, length]}. */
    public void initialize(NDManager manager) {
        Shape input = new Shape(1, config.widestKernel());
        initialize(manager, DataType.FLOAT32, input, input, input);
    }

    private void setSeededInitializers(long seed, EmbeddingMatrix embeddings) {
        Initializer embeddingInit;
        if (embeddings != null) {
            checkArgument(
                    embeddings.rows() == vocabularySize
                            && embeddings.cols() == config.embeddingSize(),
                    "the initial embeddings are %sx%s but the block needs %sx%s",
                    embeddings.rows(),
                    embeddings.cols(),
                    vocabularySize,
                    config.embeddingSize());
            embeddingInit =
                    new ValuesInitializer(
                            "embedding.weight",
                            embeddings.values(),
                            new Shape(vocabularySize, config.embeddingSize()),
                            "initial embeddings");
        } else {
            embeddingInit = new SeededInitializer(0.25, seed);
        }
        embedding.setInitializer(embeddingInit);
        if (staticEmbedding != null) {
            staticEmbedding.setInitializer(embeddingInit);
        }
        if (lstmForward != null) {
            double lstmBound = 1 / Math.sqrt(config.lstmSize());
            long lstmSeed = seed + 201;
            for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
                if (e.getKey().startsWith("lstm.")) {
                    e.getValue().setInitializer(new SeededInitializer(lstmBound, lstmSeed++));
                }
            }
        }
        int featureCount = config.featureCount();
        for (int i = 0; i < convs.size(); i++) {
            double bound = 1 / Math.sqrt((double) channels() * widths[i]);
            convs.get(i)
                    .getParameters()
                    .get("weight")
                    .setInitializer(new SeededInitializer(bound, seed + 101 + 2L * i));
            convs.get(i)
                    .getParameters()
                    .get("bias")
                    .setInitializer(new SeededInitializer(bound, seed + 102 + 2L * i));
        }
        if (attentionWeight != null) {
            double channelBound = 1 / Math.sqrt(channels());
            attentionWeight.setInitializer(new SeededInitializer(channelBound, seed + 301));
            attentionBias.setInitializer(new SeededInitializer(channelBound, seed + 302));
            attentionQuery.setInitializer(
                    new SeededInitializer(1 / Math.sqrt(config.attentionSize()), seed + 303));
        }
        double bound = 1 / Math.sqrt(featureCount);
        classifier
                .getParameters()
                .get("weight")
                .setInitializer(new SeededInitializer(bound, seed + 11));
        classifier
                .getParameters()
                .get("bias")
                .setInitializer(new SeededInitializer(bound, seed + 12));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        checkArgument(inputs.size() >= 2, "expected [tokenIds, attentionMask, ...]");
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        Shape shape = ids.getShape();
        checkArgument(
                shape.dimension() == 2 && mask.getShape().equals(shape),
                "expected token ids and mask of shape [batch, length], got %s and %s",
                shape,
                mask.getShape());
        int batch = Math.toIntExact(shape.get(0));
        int length = Math.toIntExact(shape.get(1));
        checkArgument(
                length >= config.widestKernel(),
                "padded length %s is shorter than the widest kernel %s; pad batches to the"
                        + " encoder's minBatchLength",
                length,
                config.widestKernel());
        if (training) {
            parametersChanged(); // an optimiser's update may follow
        }
        NDManager manager = ids.getManager();
        // The masks are tiny: they are computed in Java, which costs far fewer engine calls.
        long[] maskValues = mask.toType(DataType.INT64, false).toLongArray();
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            int n = 0;
            for (int t = 0; t < length; t++) {
                n += maskValues[b * length + t] != 0 ? 1 : 0;
            }
            lengths[b] = n;
        }
        if (batch == 1 && !training) {
            PackedConvolutions.Outputs one = single(parameterStore, ids, lengths[0]);
            NDArray logits = manager.create(one.logits(), new Shape(1, numClasses));
            return FeatureClassifier.featuresAsked(params)
                    ? new NDList(
                            logits,
                            manager.create(one.features(), new Shape(1, config.featureCount())))
                    : new NDList(logits);
        }
        NDArray x = embedded(parameterStore, ids, lengths, training);
        NDArray attended =
                attentionWeight == null
                        ? null
                        : attentionPooling(parameterStore, x, lengths, length, training);
        x = x.transpose(0, 2, 1); // [B, channels, L]
        NDList pooled = new NDList(convs.size());
        for (int i = 0; i < convs.size(); i++) {
            int h = widths[i];
            int windows = length - h + 1;
            NDArray features = convs.get(i).forward(parameterStore, new NDList(x), training).head();
            NDArray windowMask = windowMask(manager, lengths, h, windows);
            if (windowMask != null) {
                features = features.add(windowMask);
            }
            pooled.add(features.max(new int[] {2})); // [B, F]
        }
        // max_t ReLU(c_t) = ReLU(max_t c_t): one ReLU on the pooled features
        NDArray h =
                Activation.relu(pooled.size() == 1 ? pooled.head() : NDArrays.concat(pooled, 1));
        if (attended != null) {
            h = h.concat(attended, 1);
        }
        NDArray dropped =
                training && config.dropout() > 0
                        ? Dropout.dropout(h, config.dropout(), true).head()
                        : h;
        NDList logits = classifier.forward(parameterStore, new NDList(dropped), training);
        return FeatureClassifier.featuresAsked(params) ? new NDList(logits.head(), h) : logits;
    }

    /**
     * The raw logits of one text in inference mode: the forward pass of a batch of one, without the
     * arrays of the block's interface around it.
     *
     * @param manager where the step's arrays go; the caller closes it
     * @param ids the text's token ids, then padding up to at least the widest kernel
     * @param tokens how many of {@code ids} are the text's own
     */
    float[] logitsOfOne(NDManager manager, long[] ids, int tokens) {
        checkArgument(
                ids.length >= Math.max(tokens, config.widestKernel()),
                "%s ids cannot hold %s tokens padded to the widest kernel, %s",
                ids.length,
                tokens,
                config.widestKernel());
        NDArray idArray = manager.create(ids, new Shape(1, ids.length));
        return single(new ParameterStore(manager, false), idArray, tokens).logits();
    }

    /** One text {@code [1, L]} of {@code tokens} real tokens, through the packed convolutions. */
    private PackedConvolutions.Outputs single(ParameterStore store, NDArray ids, int tokens) {
        int length = Math.toIntExact(ids.getShape().get(1));
        int[] lengths = {tokens};
        NDArray x = embedded(store, ids, lengths, false);
        NDArray attended =
                attentionWeight == null ? null : attentionPooling(store, x, lengths, length, false);
        return packedForm().forward(x, tokens, attended);
    }

    /**
     * The texts' inputs to the convolutions, {@code [B, L, channels]}: the embeddings (both copies
     * when multichannel) and the LSTM states, zero at padding positions (past {@code lengths[b]}).
     */
    private NDArray embedded(ParameterStore store, NDArray ids, int[] lengths, boolean training) {
        NDArray mask =
                embeddingMask(ids.getManager(), lengths, Math.toIntExact(ids.getShape().get(1)));
        NDArray x = embed(store, embedding, ids, mask, training);
        if (staticEmbedding != null) {
            x = x.concat(embed(store, staticEmbedding, ids, mask, training), 2);
        }
        if (lstmForward != null) {
            x = withLstmStates(store, x, lengths, mask, training);
        }
        return x;
    }

    /**
     * 1 at the first {@code lengths[b]} positions of row {@code b}, 0 after, {@code [B, L, 1]};
     * null when no row is padded.
     */
    private static NDArray embeddingMask(NDManager manager, int[] lengths, int length) {
        if (java.util.Arrays.stream(lengths).allMatch(n -> n == length)) {
            return null;
        }
        float[] m = new float[lengths.length * length];
        for (int b = 0; b < lengths.length; b++) {
            java.util.Arrays.fill(m, b * length, b * length + lengths[b], 1f);
        }
        return manager.create(m, new Shape(lengths.length, length, 1));
    }

    /**
     * The single-text form of the convolutions and the output layer, built from the parameters on
     * first use after every change.
     */
    private PackedConvolutions packedForm() {
        PackedConvolutions form = packed;
        if (form == null) {
            synchronized (this) {
                form = packed;
                if (form == null) {
                    Map<String, Parameter> named = namedParameters();
                    NDArray[] weights = new NDArray[widths.length];
                    NDArray[] biases = new NDArray[widths.length];
                    for (int i = 0; i < widths.length; i++) {
                        weights[i] = named.get("convs." + i + ".weight").getArray();
                        biases[i] = named.get("convs." + i + ".bias").getArray();
                    }
                    form =
                            new PackedConvolutions(
                                    widths,
                                    weights,
                                    biases,
                                    named.get("classifier.weight").getArray(),
                                    named.get("classifier.bias").getArray());
                    packed = form;
                }
            }
        }
        return form;
    }

    /**
     * Drops the single-text form of the convolutions. Every forward pass in training mode, {@link
     * #initialize} and {@link #loadParameters} do so themselves; call it after writing parameters
     * in place otherwise.
     */
    @Override
    public void parametersChanged() {
        if (packed == null) {
            return; // nothing derived: every training step after the first ends here, lock-free
        }
        PackedConvolutions old;
        synchronized (this) {
            old = packed;
            packed = null;
        }
        if (old != null) {
            old.close();
        }
    }

    /**
     * {@code [x_t; →h_t; ←h_t]} at every position, {@code [B, L, channels]}: the backward LSTM
     * reads each text's real tokens reversed, and both directions' states are zeroed at padding
     * positions.
     */
    private NDArray withLstmStates(
            ParameterStore store, NDArray x, int[] lengths, NDArray mask, boolean training) {
        NDArray forward = lstmForward.forward(store, new NDList(x), training).head();
        NDArray backward =
                reverseTokens(
                        lstmBackward
                                .forward(
                                        store,
                                        new NDList(reverseTokens(x, lengths, mask)),
                                        training)
                                .head(),
                        lengths,
                        mask);
        // x is already zero at padding, so one mask multiplication zeroes the states there too
        NDArray joined = NDArrays.concat(new NDList(x, forward, backward), 2);
        return mask == null ? joined : joined.mul(mask);
    }

    /**
     * {@code s = Σ_t a_t·y_t}, {@code [B, channels]}: the per-token inputs {@code y} averaged with
     * weights {@code a = softmax_t(q · tanh(W·y_t + b))} over the first {@code max(n, 1)}
     * positions.
     */
    private NDArray attentionPooling(
            ParameterStore store, NDArray y, int[] lengths, int length, boolean training) {
        Device device = y.getDevice();
        NDArray weight = store.getValue(attentionWeight, device, training);
        NDArray bias = store.getValue(attentionBias, device, training);
        NDArray query = store.getValue(attentionQuery, device, training);
        NDArray scores = y.matMul(weight.transpose()).add(bias).tanh().matMul(query).expandDims(1);
        // the positions a width-1 window keeps, t ≤ max(n − 1, 0): the first max(n, 1)
        NDArray positionMask = windowMask(y.getManager(), lengths, 1, length);
        if (positionMask != null) {
            scores = scores.add(positionMask);
        }
        return scores.softmax(2).matMul(y).squeeze(1); // [B, 1, L] · [B, L, C]
    }

    /**
     * Each row's real tokens in reverse order, padding left after them: {@code y[b, t] = x[b, n_b −
     * 1 − t]} for {@code t < n_b}, {@code y[b, t] = x[b, t]} after; its own inverse. A plain flip
     * when nothing is padded ({@code mask} null).
     */
    private static NDArray reverseTokens(NDArray x, int[] lengths, NDArray mask) {
        if (mask == null) {
            return x.flip(1);
        }
        Shape shape = x.getShape();
        int length = Math.toIntExact(shape.get(1));
        long[] index = new long[lengths.length * length];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < length; t++) {
                index[b * length + t] = t < lengths[b] ? lengths[b] - 1 - t : t;
            }
        }
        NDArray positions =
                x.getManager().create(index, new Shape(lengths.length, length, 1)).broadcast(shape);
        return x.gather(positions, 1);
    }

    /**
     * An additive mask {@code [B, 1, windows]}: 0 for kept windows ({@code t ≤ max(n − h, 0)}), −∞
     * for windows that reach into the padding; null when every window is kept.
     */
    private static NDArray windowMask(NDManager manager, int[] lengths, int h, int windows) {
        boolean any = false;
        for (int n : lengths) {
            any |= Math.max(n - h, 0) < windows - 1;
        }
        if (!any) {
            return null;
        }
        float[] values = new float[lengths.length * windows];
        for (int b = 0; b < lengths.length; b++) {
            int last = Math.max(lengths[b] - h, 0);
            java.util.Arrays.fill(
                    values, b * windows + last + 1, (b + 1) * windows, Float.NEGATIVE_INFINITY);
        }
        return manager.create(values, new Shape(lengths.length, 1, windows));
    }

    private static NDArray embed(
            ParameterStore store, Parameter table, NDArray ids, NDArray mask, boolean training) {
        NDArray weight = store.getValue(table, ids.getDevice(), training);
        NDArray x = Embedding.embedding(ids, weight, SparseFormat.DENSE).head();
        return mask == null ? x : x.mul(mask);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        long length = Math.max(inputShapes[0].get(1), config.widestKernel());
        if (lstmForward != null) {
            Shape embedded = new Shape(batch, length, embeddingChannels());
            lstmForward.initialize(manager, dataType, embedded);
            lstmBackward.initialize(manager, dataType, embedded);
        }
        for (Conv1d conv : convs) {
            conv.initialize(manager, dataType, new Shape(batch, channels(), length));
        }
        classifier.initialize(manager, dataType, new Shape(batch, config.featureCount()));
    }

    @Override
    public String toString() {
        return "TextCnnBlock{vocabulary="
                + vocabularySize
                + ", classes="
                + numClasses
                + ", "
                + config.toJson()
                + "}";
    }

    /**
     * Builds a {@link TextCnnBlock}: {@code TextCnnBlock.builder().setVocabularySize(30522)
     * .setNumClasses(2).optKernelWidths(3, 4, 5).build()}.
     */
    public static final class Builder {
        private int vocabularySize = -1;
        private int numClasses = -1;
        private TextCnnConfig.Builder config = TextCnnConfig.builder();
        private long seed = 42;
        private EmbeddingMatrix embeddings;

        private Builder() {}

        /** Rows of the embedding matrix (the vocabulary size); required. */
        public Builder setVocabularySize(int vocabularySize) {
            this.vocabularySize = vocabularySize;
            return this;
        }

        /** Number of classes; required. */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** All hyper-parameters at once (replaces earlier {@code opt} calls). */
        public Builder optConfig(TextCnnConfig config) {
            this.config = config.toBuilder();
            return this;
        }

        /** Width of the embeddings (default 128). */
        public Builder optEmbeddingSize(int embeddingSize) {
            config.optEmbeddingSize(embeddingSize);
            return this;
        }

        /** Kernel widths (default 3, 4, 5). */
        public Builder optKernelWidths(int... kernelWidths) {
            config.optKernelWidths(kernelWidths);
            return this;
        }

        /** Filters per kernel width (default 100). */
        public Builder optFiltersPerWidth(int filtersPerWidth) {
            config.optFiltersPerWidth(filtersPerWidth);
            return this;
        }

        /** Dropout rate (default 0.5). */
        public Builder optDropout(float dropout) {
            config.optDropout(dropout);
            return this;
        }

        /** Static, non-static (default) or multichannel embeddings. */
        public Builder optEmbeddingMode(EmbeddingMode mode) {
            config.optEmbeddingMode(mode);
            return this;
        }

        /** Units per direction of the LSTM (default 0: no LSTM). */
        public Builder optLstmSize(int lstmSize) {
            config.optLstmSize(lstmSize);
            return this;
        }

        /** Seed of the random initialisation (default 42). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Initial embeddings (from a teacher or word vectors) instead of random ones. */
        public Builder optEmbeddings(EmbeddingMatrix embeddings) {
            this.embeddings = embeddings;
            return this;
        }

        /** The block, not yet initialised. */
        public TextCnnBlock build() {
            checkArgument(
                    vocabularySize >= 2, "vocabularySize must be >= 2, got %s", vocabularySize);
            checkArgument(numClasses >= 1, "numClasses must be >= 1, got %s", numClasses);
            return new TextCnnBlock(this);
        }
    }
}

package io.github.bertdistill.teacher.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.BlockTextClassifier;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A teacher brought as a traced PyTorch model: any TorchScript file whose {@code forward(input_ids,
 * attention_mask, token_type_ids)} (int64 {@code [batch, length]}) returns the logits first (a
 * tensor, or a tuple whose first element is the logits, as {@code BertForSequenceClassification}
 * traced with {@code return_dict=False}), with the {@code tokenizer.json} it was trained with.
 *
 * <p>The model is loaded from a local path through DJL's {@link Criteria} on the PyTorch engine;
 * nothing is downloaded. Inference runs as for every {@link BlockTextClassifier}.
 */
public final class TorchScriptClassifier extends BlockTextClassifier {
    private final ZooModel<NDList, NDList> model;
    private final BertTokenizer tokenizer;

    private TorchScriptClassifier(
            ZooModel<NDList, NDList> model, BertTokenizer tokenizer, LabelSet labels) {
        super(model.getBlock(), tokenizer, labels, model.getNDManager());
        this.model = model;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads a traced classifier.
     *
     * @param modelFile the {@code .pt} file
     * @param tokenizerJson its tokenizer
     * @param labels the classes, in logit order
     * @param maxLength tokens per text
     * @throws IOException if a file is missing or the model cannot be read
     */
    public static TorchScriptClassifier load(
            Path modelFile, Path tokenizerJson, LabelSet labels, int maxLength) throws IOException {
        if (!Files.isRegularFile(modelFile)) {
            throw new IOException("TorchScript file " + modelFile + " does not exist");
        }
        EngineBootstrap.start();
        BertTokenizer tokenizer = BertTokenizer.fromFile(tokenizerJson, maxLength);
        Criteria<NDList, NDList> criteria =
                Criteria.builder()
                        .setTypes(NDList.class, NDList.class)
                        .optModelPath(modelFile.toAbsolutePath())
                        .optEngine(EngineBootstrap.ENGINE_NAME)
                        .optDevice(EngineBootstrap.device())
                        .build();
        try {
            return new TorchScriptClassifier(criteria.loadModel(), tokenizer, labels);
        } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
            tokenizer.close();
            throw new IOException(
                    "cannot load TorchScript model " + modelFile + ": " + e.getMessage(), e);
        }
    }

    /** The tokenizer. */
    public BertTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            tokenizer.close();
        }
    }
}

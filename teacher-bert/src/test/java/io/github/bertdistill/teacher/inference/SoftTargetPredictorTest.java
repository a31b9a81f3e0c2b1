package io.github.bertdistill.teacher.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SoftTargetPredictorTest {

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @Test
    void logitsComeBackInInputOrderAndMatchOneAtATime() throws IOException {
        BertConfig config =
                BertConfig.builder()
                        .setHiddenSize(16)
                        .setNumHiddenLayers(1)
                        .setNumAttentionHeads(2)
                        .setIntermediateSize(32)
                        .build();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            texts.add("word ".repeat(1 + (i * 7) % 13) + i);
        }
        texts.add("far too long " + "and longer ".repeat(20));
        try (BertClassifier teacher =
                        BertClassifier.create(
                                config,
                                BertPreset.MINILM_L6.tokenizer(16),
                                LabelSet.of("a", "b", "c"),
                                Pooling.MEAN);
                NDManager manager = NDManager.newBaseManager()) {
            SoftTargetPredictor predictor =
                    SoftTargetPredictor.builder()
                            .setClassifier(teacher)
                            .setManager(manager)
                            .optBatchSize(5)
                            .optMaxTokens(40)
                            .build();
            SoftTargetPredictor.SoftTargets targets = predictor.predict(texts);
            assertEquals(1, targets.truncated());
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(
                        teacher.logits(List.of(texts.get(i)))[0],
                        targets.logits()[i],
                        1e-5f,
                        texts.get(i));
            }
        }
    }
}

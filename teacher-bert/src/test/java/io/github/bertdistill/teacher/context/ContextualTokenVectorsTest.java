package io.github.bertdistill.teacher.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContextualTokenVectorsTest {
    private static BertClassifier teacher;

    @BeforeAll
    static void smallTeacher() throws IOException {
        EngineBootstrap.start();
        BertConfig config =
                BertConfig.builder()
                        .setHiddenSize(16)
                        .setNumHiddenLayers(2)
                        .setNumAttentionHeads(2)
                        .setIntermediateSize(32)
                        .optHiddenDropoutProb(0)
                        .optAttentionProbsDropoutProb(0)
                        .build();
        teacher =
                BertClassifier.create(
                        config,
                        BertPreset.MINILM_L6.tokenizer(32),
                        LabelSet.of("neg", "pos"),
                        Pooling.CLS);
    }

    @AfterAll
    static void close() {
        teacher.close();
    }

    private static ContextualTokenVectors.TokenVectors pool(String... texts) {
        return ContextualTokenVectors.builder()
                .setTeacher(teacher)
                .optBatchSize(8)
                .build()
                .pool(List.of(texts));
    }

    private static float[] vectorOf(ContextualTokenVectors.TokenVectors vectors, String token) {
        int row = vectors.tokens().indexOf(token);
        assertTrue(row >= 0, token + " in " + vectors.tokens());
        return vectors.vector(row);
    }

    @Test
    void aTokenSeenInTwoTextsGetsTheMeanOfItsStatesInEach() {
        float[] alone = vectorOf(pool("good movie"), "movie");
        float[] other = vectorOf(pool("a very bad movie"), "movie");
        assertFalse(Arrays.equals(alone, other), "the context changes the state");

        // Pooled in one padded batch: the short text is padded, which the mask hides.
        ContextualTokenVectors.TokenVectors both = pool("good movie", "a very bad movie");
        float[] mean = vectorOf(both, "movie");
        for (int h = 0; h < mean.length; h++) {
            assertEquals((alone[h] + other[h]) / 2, mean[h], 1e-5f, "dimension " + h);
        }
        assertEquals(2, both.occurrences()[both.tokens().indexOf("movie")]);
        assertEquals(1, both.occurrences()[both.tokens().indexOf("good")]);
        assertArrayEquals(vectorOf(pool("good movie"), "good"), vectorOf(both, "good"), 1e-5f);
    }

    @Test
    void theLayerPooledIsTheLastUnlessAnEarlierOneIsChosen() {
        List<String> texts = List.of("good movie", "a very bad movie");
        ContextualTokenVectors.TokenVectors last = pool("good movie", "a very bad movie");
        ContextualTokenVectors.TokenVectors second =
                ContextualTokenVectors.builder()
                        .setTeacher(teacher)
                        .optLayer(2)
                        .build()
                        .pool(texts);
        ContextualTokenVectors.TokenVectors first =
                ContextualTokenVectors.builder()
                        .setTeacher(teacher)
                        .optLayer(1)
                        .build()
                        .pool(texts);
        ContextualTokenVectors.TokenVectors embedded =
                ContextualTokenVectors.builder()
                        .setTeacher(teacher)
                        .optLayer(0)
                        .build()
                        .pool(texts);
        assertArrayEquals(last.values(), second.values(), 1e-6f);
        assertFalse(Arrays.equals(last.values(), first.values()));
        assertFalse(Arrays.equals(first.values(), embedded.values()));
        IllegalArgumentException tooDeep =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ContextualTokenVectors.builder()
                                        .setTeacher(teacher)
                                        .optLayer(3)
                                        .build());
        assertTrue(tooDeep.getMessage().contains("layer 3 is not in [0, 2]"), tooDeep.getMessage());
    }

    @Test
    void specialTokensAreLeftOutAndSubwordPiecesKept() {
        ContextualTokenVectors.TokenVectors vectors = pool("unbelievably good", "good");
        assertFalse(vectors.tokens().contains("[CLS]"), vectors.tokens().toString());
        assertFalse(vectors.tokens().contains("[SEP]"), vectors.tokens().toString());
        assertFalse(vectors.tokens().contains("[PAD]"), vectors.tokens().toString());
        assertTrue(
                vectors.tokens().stream().anyMatch(t -> t.startsWith("##")),
                vectors.tokens().toString());
        assertEquals(16, vectors.dimension());
        assertEquals(vectors.tokens().size() * 16, vectors.values().length);
        assertNotEquals(0f, vectors.values()[0]);
    }
}

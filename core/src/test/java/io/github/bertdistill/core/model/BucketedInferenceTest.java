package io.github.bertdistill.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.LambdaBlock;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.testing.CharacterEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BucketedInferenceTest {
    private static final LabelSet LABELS = LabelSet.of("padded", "real");

    /** Logits [padded length, number of real tokens]. */
    private static final LambdaBlock LENGTHS =
            new LambdaBlock(
                    in -> {
                        NDArray mask = in.get(1).toType(DataType.FLOAT32, false);
                        NDArray padded = mask.onesLike().sum(new int[] {1});
                        return new NDList(padded.stack(mask.sum(new int[] {1}), 1));
                    });

    /** Texts of 9, 1, 5, 3, 8, 2, 7 characters. */
    private static final List<String> TEXTS =
            List.of("aaaaaaaaa", "b", "ccccc", "ddd", "eeeeeeee", "ff", "ggggggg");

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    private static BlockTextClassifier lengths() {
        return new BlockTextClassifier(
                LENGTHS,
                CharacterEncoder.lowercaseLetters(16),
                LABELS,
                Engine.getEngine(EngineBootstrap.ENGINE_NAME).newBaseManager());
    }

    @Test
    void batchesTextsOfSimilarLengthAndReturnsRowsInInputOrder() {
        try (BlockTextClassifier classifier = lengths()) {
            List<int[]> batches = new ArrayList<>();
            float[][] rows =
                    new BucketedInference(classifier, 3)
                            .logits(TEXTS, (positions, logits) -> batches.add(positions));

            // sorted by length: b ff ddd | ccccc ggggggg eeeeeeee | aaaaaaaaa
            assertArrayEquals(new int[] {1, 5, 3}, batches.get(0));
            assertArrayEquals(new int[] {2, 6, 4}, batches.get(1));
            assertArrayEquals(new int[] {0}, batches.get(2));
            float[] padded = {9, 3, 8, 3, 8, 3, 8};
            for (int i = 0; i < TEXTS.size(); i++) {
                assertArrayEquals(new float[] {padded[i], TEXTS.get(i).length()}, rows[i]);
            }
        }
    }

    @Test
    void theListenerHearsHowManyTextsTheEncoderCut() {
        try (BlockTextClassifier classifier =
                new BlockTextClassifier(
                        LENGTHS,
                        CharacterEncoder.lowercaseLetters(6),
                        LABELS,
                        Engine.getEngine(EngineBootstrap.ENGINE_NAME).newBaseManager())) {
            int[] heard = new int[2];
            new BucketedInference(classifier, 3)
                    .logits(
                            TEXTS,
                            new BucketedInference.BatchListener() {
                                @Override
                                public void batchDone(int[] positions, float[][] logits) {}

                                @Override
                                public void windowEncoded(int texts, int truncated) {
                                    heard[0] += texts;
                                    heard[1] += truncated;
                                }
                            });
            // 9, 8 and 7 characters are longer than the encoder's 6
            assertArrayEquals(new int[] {7, 3}, heard);
        }
    }

    @Test
    void aTokenBudgetEndsABatchEarlyButAlwaysTakesOneText() {
        try (BlockTextClassifier classifier = lengths()) {
            List<int[]> batches = new ArrayList<>();
            new BucketedInference(classifier, 3, 8)
                    .logits(TEXTS, (positions, logits) -> batches.add(positions));

            // b ff (2×2) + ddd would be 3×3 = 9 > 8; ddd ccccc = 10 > 8; ...; 9 > 8 alone
            List<String> shapes = new ArrayList<>();
            for (int[] batch : batches) {
                StringBuilder shape = new StringBuilder();
                for (int position : batch) {
                    shape.append(TEXTS.get(position).charAt(0));
                }
                shapes.add(shape.toString());
            }
            assertEquals(List.of("bf", "d", "c", "g", "e", "a"), shapes);
        }
    }

    @Test
    void aClassifierWithoutAnEncoderGetsConsecutiveSlices() {
        List<List<String>> calls = new ArrayList<>();
        TextClassifier plain =
                new TextClassifier() {
                    @Override
                    public LabelSet labels() {
                        return LABELS;
                    }

                    @Override
                    public float[][] logits(List<String> texts) {
                        calls.add(texts);
                        return texts.stream()
                                .map(t -> new float[] {0, t.length()})
                                .toArray(float[][]::new);
                    }

                    @Override
                    public void close() {}
                };
        float[][] rows = new BucketedInference(plain, 3).logits(TEXTS);

        assertEquals(List.of(TEXTS.subList(0, 3), TEXTS.subList(3, 6), TEXTS.subList(6, 7)), calls);
        for (int i = 0; i < TEXTS.size(); i++) {
            assertEquals(TEXTS.get(i).length(), rows[i][1]);
        }
    }

    @Test
    void aClassifierReturningTheWrongNumberOfRowsIsNamed() {
        TextClassifier broken =
                new TextClassifier() {
                    @Override
                    public LabelSet labels() {
                        return LABELS;
                    }

                    @Override
                    public float[][] logits(List<String> texts) {
                        return new float[1][2];
                    }

                    @Override
                    public void close() {}
                };
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> new BucketedInference(broken, 3).logits(TEXTS));
        assertTrue(e.getMessage().contains("1 rows of logits for 3 texts"), e.getMessage());
    }
}

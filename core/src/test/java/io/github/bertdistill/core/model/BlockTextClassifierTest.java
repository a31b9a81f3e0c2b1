package io.github.bertdistill.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.LambdaBlock;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.testing.CharacterEncoder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlockTextClassifierTest {

    /** One token per character, id = code point; pads with 0. */
    private static final TextEncoder CHARS = CharacterEncoder.codePoints(16);

    /** Logits [number of real tokens, 0]: a text longer than 2 characters is class "long". */
    private static final LambdaBlock LENGTH_SCORER =
            new LambdaBlock(
                    in -> {
                        NDArray length =
                                in.get(1).sum(new int[] {1}).toType(DataType.FLOAT32, false);
                        NDArray threshold = length.zerosLike().add(2.5f);
                        return new NDList(threshold.stack(length, 1));
                    });

    @BeforeAll
    static void startEngine() {
        EngineBootstrap.start();
    }

    @Test
    void returnsRawLogitsPerText() {
        try (BlockTextClassifier classifier = newClassifier(LabelSet.of("short", "long"))) {
            float[][] logits = classifier.logits(List.of("ab", "abcdef"));

            assertArrayEquals(new float[] {2.5f, 2f}, logits[0]);
            assertArrayEquals(new float[] {2.5f, 6f}, logits[1]);
            assertEquals("short", classifier.predict("ab").label());
            assertEquals("long", classifier.predict("abcdef").label());
        }
    }

    @Test
    void paddingDoesNotChangeAnItemsLogits() {
        try (BlockTextClassifier classifier = newClassifier(LabelSet.of("short", "long"))) {
            float[] alone = classifier.logits(List.of("abc"))[0];
            float[] padded = classifier.logits(List.of("abc", "a much longer text"))[0];
            assertArrayEquals(alone, padded);
        }
    }

    @Test
    void rejectsABlockWhoseOutputDoesNotMatchTheLabels() {
        try (BlockTextClassifier classifier = newClassifier(LabelSet.of("a", "b", "c"))) {
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class, () -> classifier.logits(List.of("x")));
            assertEquals("block returned logits of shape (1, 2), expected [1, 3]", e.getMessage());
        }
    }

    private static BlockTextClassifier newClassifier(LabelSet labels) {
        return new BlockTextClassifier(
                LENGTH_SCORER, CHARS, labels, Engine.getEngine("PyTorch").newBaseManager());
    }
}

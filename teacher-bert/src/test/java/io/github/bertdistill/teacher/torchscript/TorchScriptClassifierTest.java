package io.github.bertdistill.teacher.torchscript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.teacher.ExportedFixture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixture made by {@code src/test/python/make_torchscript_fixture.py}: the traced model returns
 * the logits it was traced with, on the ids the script computed.
 */
class TorchScriptClassifierTest {
    private static final LabelSet LABELS = ExportedFixture.LABELS;

    private static Path fixture(String name) {
        return ExportedFixture.file(name);
    }

    @Test
    void tracedModelReturnsItsTracedLogits() throws Exception {
        JsonObject expected = ExportedFixture.expected();
        List<String> sentences = ExportedFixture.sentences();
        try (TorchScriptClassifier teacher =
                TorchScriptClassifier.load(
                        fixture("tiny-classifier.pt"), fixture("tokenizer.json"), LABELS, 16)) {
            for (int i = 0; i < sentences.size(); i++) {
                assertArrayEquals(
                        longs(expected.getAsJsonArray("token_ids").get(i).getAsJsonArray()),
                        teacher.tokenizer().encode(sentences.get(i)).tokenIds());
            }
            ExportedFixture.assertTracedLogits(teacher.logits(sentences));
            assertEquals(LABELS.size(), teacher.predict(sentences.get(0)).probabilities().length);
        }
    }

    @Test
    void missingModelFileGetsAClearMessage() throws Exception {
        IOException e =
                assertThrows(
                        IOException.class,
                        () ->
                                TorchScriptClassifier.load(
                                        Path.of("no-such-model.pt"),
                                        fixture("tokenizer.json"),
                                        LABELS,
                                        16));
        assertEquals("TorchScript file no-such-model.pt does not exist", e.getMessage());
    }

    private static long[] longs(JsonArray array) {
        long[] values = new long[array.size()];
        int i = 0;
        for (JsonElement e : array) {
            values[i++] = e.getAsLong();
        }
        return values;
    }
}

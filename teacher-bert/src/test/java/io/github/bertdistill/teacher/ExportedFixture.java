package io.github.bertdistill.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.data.LabelSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The exported-teacher fixture of {@code src/test/resources/torchscript} ({@code
 * make_torchscript_fixture.py}, {@code make_onnx_fixture.py}): the traced classifier, its ONNX
 * export, the tokenizer, and {@code expected.json} with sentences, their ids and their logits.
 */
public final class ExportedFixture {
    /** The fixture's classes, in logit order. */
    public static final LabelSet LABELS = LabelSet.of("negative", "neutral", "positive");

    /** Tokens per text the fixture was made with. */
    public static final int MAX_LENGTH = 16;

    private ExportedFixture() {}

    /** A file of the fixture. */
    public static Path file(String name) {
        try {
            return Path.of(ExportedFixture.class.getResource("/torchscript/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code expected.json}. */
    public static JsonObject expected() {
        try {
            return JsonParser.parseString(Files.readString(file("expected.json")))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sentences of {@code expected.json}. */
    public static List<String> sentences() {
        List<String> sentences = new ArrayList<>();
        expected().getAsJsonArray("sentences").forEach(s -> sentences.add(s.getAsString()));
        return sentences;
    }

    /** Asserts {@code logits} are the traced logits of {@link #sentences()} within 1e-5. */
    public static void assertTracedLogits(float[][] logits) {
        JsonArray rows = expected().getAsJsonArray("logits");
        assertEquals(rows.size(), logits.length);
        for (int i = 0; i < logits.length; i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            for (int c = 0; c < row.size(); c++) {
                assertEquals(row.get(c).getAsFloat(), logits[i][c], 1e-5f);
            }
        }
    }
}

package io.github.bertdistill.student.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.core.zoo.ClassifierBlock;
import io.github.bertdistill.student.Fixtures;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved student loads through DJL's standard {@code Criteria} and predicts as the classifier. */
class TextCnnCriteriaTest {
    /** Texts of varied length, one shorter than the widest kernel and one with unknown words. */
    private static final List<String> TEXTS = new ArrayList<>(Fixtures.TEXTS);

    static {
        TEXTS.add("dull");
        TEXTS.add("zebra quantum wonderful wonderful film film film the the plot");
    }

    @Test
    void criteriaWithOnlyTheFolderGivesTheClassifiersProbabilities(@TempDir Path dir)
            throws Exception {
        Path folder = dir.resolve("student");
        List<Prediction> expected;
        try (TextCnnClassifier student = Fixtures.tinyClassifier()) {
            student.save(folder);
            expected = student.predict(TEXTS);
        }
        Criteria<String, Classifications> criteria =
                Criteria.builder()
                        .setTypes(String.class, Classifications.class)
                        .optModelPath(folder)
                        .build();
        TextCnnClassifier loaded;
        try (ZooModel<String, Classifications> model = criteria.loadModel();
                Predictor<String, Classifications> predictor = model.newPredictor()) {
            List<Classifications> batch = predictor.batchPredict(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertSame(expected.get(i), batch.get(i));
                assertSame(expected.get(i), predictor.predict(TEXTS.get(i)));
            }
            assertEquals(expected.get(0).label(), batch.get(0).best().getClassName());
            loaded = (TextCnnClassifier) ((ClassifierBlock) model.getBlock()).classifier();
            assertTrue(loaded.manager().isOpen());
        }
        assertFalse(loaded.manager().isOpen(), "closing the model closes the classifier");
    }

    /** DJL Serving's Java mode: {@code Input → Output}, the classes best first as JSON. */
    /** A path that does not exist and a file of a model folder are refused by name. */
    @Test
    void criteriaNamesAMissingPathAndAFileOfAModelFolder(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("student");
        try (TextCnnClassifier student = Fixtures.tinyClassifier()) {
            student.save(folder);
        }
        Path missing = dir.resolve("no-such-student");
        FileNotFoundException gone = assertThrows(FileNotFoundException.class, () -> load(missing));
        assertEquals("no model at " + missing + ": it does not exist", gone.getMessage());
        Path file = folder.resolve("config.json");
        FileNotFoundException inside = assertThrows(FileNotFoundException.class, () -> load(file));
        assertEquals(
                file
                        + " is a file of the model folder "
                        + folder
                        + ": give optModelPath the folder",
                inside.getMessage());
    }

    private static void load(Path path) throws Exception {
        Criteria<String, Classifications> criteria =
                Criteria.builder()
                        .setTypes(String.class, Classifications.class)
                        .optModelPath(path)
                        .build();
        try (ZooModel<String, Classifications> model = criteria.loadModel()) {
            throw new AssertionError("loaded " + model.getName() + " from " + path);
        }
    }

    @Test
    void servingTypesAnswerJson(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("student");
        List<Prediction> expected;
        try (TextCnnClassifier student = Fixtures.tinyClassifier()) {
            student.save(folder);
            expected = student.predict(TEXTS.subList(0, 2));
        }
        Criteria<Input, Output> criteria =
                Criteria.builder().setTypes(Input.class, Output.class).optModelPath(folder).build();
        try (ZooModel<Input, Output> model = criteria.loadModel();
                Predictor<Input, Output> predictor = model.newPredictor()) {
            Input input = new Input();
            input.add(TEXTS.get(0));
            Output output = predictor.predict(input);
            assertEquals(200, output.getCode());
            JsonArray answer =
                    JsonParser.parseString(
                                    new String(
                                            output.getData().getAsBytes(), StandardCharsets.UTF_8))
                            .getAsJsonArray();
            JsonObject best = answer.get(0).getAsJsonObject();
            assertEquals(expected.get(0).label(), best.get("className").getAsString());
            assertEquals(expected.get(0).confidence(), best.get("probability").getAsFloat(), 1e-6);

            // a blank text is refused, as bert-distill serve refuses it, not classified
            Input blank = new Input();
            blank.add(" \t ");
            TranslateException refused =
                    assertThrows(TranslateException.class, () -> predictor.predict(blank));
            assertTrue(
                    String.valueOf(refused.getMessage()).contains("the text is empty or blank"),
                    String.valueOf(refused.getMessage()));
        }
        // the String → Classifications predictor still classifies it (the all-zero input)
        try (ZooModel<String, Classifications> model =
                        Criteria.builder()
                                .setTypes(String.class, Classifications.class)
                                .optModelPath(folder)
                                .build()
                                .loadModel();
                Predictor<String, Classifications> predictor = model.newPredictor()) {
            assertEquals(Fixtures.LABELS.names(), predictor.predict(" ").getClassNames());
        }
    }

    private static void assertSame(Prediction expected, Classifications actual) {
        float[] probabilities = expected.probabilities();
        List<String> names = actual.getClassNames();
        assertEquals(Fixtures.LABELS.names(), names);
        for (int c = 0; c < probabilities.length; c++) {
            assertEquals(probabilities[c], actual.getProbabilities().get(c), 1e-6);
        }
    }
}

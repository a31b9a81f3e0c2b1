package io.github.bertdistill.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.github.bertdistill.core.model.Prediction;
import io.github.bertdistill.teacher.model.Pooling;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved teacher loads through DJL's standard {@code Criteria} and predicts as the classifier. */
class BertCriteriaTest {
    private static final List<String> TEXTS =
            List.of(
                    "a wonderful film",
                    "boring and far too long, with a plot nobody could follow at all",
                    "ok",
                    "I loved it");

    @Test
    void criteriaWithOnlyTheFolderGivesTheClassifiersProbabilities(@TempDir Path dir)
            throws Exception {
        Path folder = dir.resolve("teacher");
        List<Prediction> expected;
        try (BertClassifier teacher = BertClassifierTest.small(Pooling.MEAN)) {
            teacher.save(folder);
            expected = teacher.predict(TEXTS);
        }
        Criteria<String, Classifications> criteria =
                Criteria.builder()
                        .setTypes(String.class, Classifications.class)
                        .optModelPath(folder)
                        .build();
        try (ZooModel<String, Classifications> model = criteria.loadModel();
                Predictor<String, Classifications> predictor = model.newPredictor()) {
            List<Classifications> batch = predictor.batchPredict(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertSame(expected.get(i), batch.get(i));
                assertSame(expected.get(i), predictor.predict(TEXTS.get(i)));
            }
        }
    }

    private static void assertSame(Prediction expected, Classifications actual) {
        float[] probabilities = expected.probabilities();
        assertEquals(BertClassifierTest.LABELS.names(), actual.getClassNames());
        for (int c = 0; c < probabilities.length; c++) {
            assertEquals(probabilities[c], actual.getProbabilities().get(c), 1e-6);
        }
    }
}

package io.github.bertdistill.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLogTest {

    @Test
    void readsStepsLossesEpochsAndDevAccuracy() {
        List<TrainingLog.Point> points =
                TrainingLog.parse(
                        List.of(
                                "{\"step\": 10, \"epoch\": 1, \"loss\": 0.9}",
                                "{\"step\": 20, \"epoch\": 1, \"loss\": 0.7, \"dev_accuracy\":"
                                        + " 0.8}"));

        assertEquals(2, points.size());
        assertEquals(10, points.get(0).step());
        assertEquals(0.9, points.get(0).loss().orElseThrow());
        assertTrue(points.get(0).devAccuracy().isEmpty());
        assertEquals(0.8, points.get(1).devAccuracy().orElseThrow());
        assertEquals(1, points.get(1).epoch().orElseThrow());
    }

    @Test
    void isTolerantOfNoiseAliasesAndStrings() {
        List<TrainingLog.Point> points =
                TrainingLog.parse(
                        List.of(
                                "",
                                "not json at all",
                                "[1, 2, 3]",
                                "{\"message\": \"epoch done\"}",
                                "{\"global_step\": \"5\", \"train_loss\": \"0.5\", \"lr\": 1e-3}",
                                "{\"loss\": 0.4}",
                                "{\"step\": 7, \"loss\": \"NaN\", \"dev_acc\": 0.75}"));

        assertEquals(3, points.size());
        assertEquals(5, points.get(0).step());
        assertEquals(0.5, points.get(0).loss().orElseThrow());
        assertEquals(5, points.get(1).step(), "no step key: the line's position");
        assertTrue(points.get(2).loss().isEmpty());
        assertEquals(0.75, points.get(2).devAccuracy().orElseThrow());
    }

    @Test
    void readsTheTrainingLoopsOwnLog() {
        List<TrainingLog.Point> points =
                TrainingLog.parse(
                        List.of(
                                "{\"event\":\"start\",\"step\":0}",
                                "{\"event\":\"step\",\"step\":1,\"epoch\":1,\"loss\":0.7}",
                                "{\"event\":\"validation\",\"step\":1,\"accuracy\":0.75,"
                                        + "\"bestAccuracy\":0.75}",
                                "{\"event\":\"epoch\",\"epoch\":1,\"step\":1,\"meanLoss\":0.7}"));

        assertEquals(2, points.size());
        assertEquals(0.7, points.get(0).loss().getAsDouble(), 1e-12);
        assertEquals(0.75, points.get(1).devAccuracy().getAsDouble(), 1e-12);
        assertTrue(points.get(1).loss().isEmpty());
    }

    @Test
    void theBestDevAccuracyIsTheHighestValidation() {
        List<TrainingLog.Point> points =
                TrainingLog.parse(
                        List.of(
                                "{\"event\":\"step\",\"step\":1,\"loss\":0.7}",
                                "{\"event\":\"validation\",\"step\":1,\"accuracy\":0.75}",
                                "{\"event\":\"validation\",\"step\":2,\"accuracy\":0.81}",
                                "{\"event\":\"validation\",\"step\":3,\"accuracy\":0.78}"));

        assertEquals(0.81, TrainingLog.bestDevAccuracy(points).orElseThrow(), 1e-12);
        assertTrue(TrainingLog.bestDevAccuracy(points.subList(0, 1)).isEmpty());
    }
}

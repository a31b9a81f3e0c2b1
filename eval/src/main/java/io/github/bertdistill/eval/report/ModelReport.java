package io.github.bertdistill.eval.report;

import com.google.gson.JsonObject;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.eval.footprint.Footprint;
import io.github.bertdistill.eval.latency.LatencyResult;
import io.github.bertdistill.eval.quality.QualityResult;
import java.util.List;
import java.util.Optional;

/**
 * Everything measured for one model.
 *
 * @param name the model's name
 * @param role one of the {@link Roles} words, or another word
 * @param quality quality on the test set
 * @param latency latency and throughput
 * @param footprint parameters, disk and memory
 * @param config the model's configuration (its {@code config.json}), or an empty object
 * @param trainingCurve the points of its training log, empty if none was given
 * @param engine the engine that ran it, when it is not the report's {@link Environment}'s
 */
public record ModelReport(
        String name,
        String role,
        QualityResult quality,
        LatencyResult latency,
        Footprint footprint,
        JsonObject config,
        List<TrainingLog.Point> trainingCurve,
        Optional<EngineInfo> engine) {

    /** Whether this is the teacher. */
    public boolean isTeacher() {
        return Roles.TEACHER.equals(role);
    }
}

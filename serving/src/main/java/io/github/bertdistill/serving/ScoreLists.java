package io.github.bertdistill.serving;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.model.Prediction;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The answer to a {@link PredictRequest}: per text, {@code [{"label": …, "score": …}, …]}, best
 * first (Hugging Face's shape), scores being probabilities at temperature 1 ({@link
 * Prediction#fromLogits}) or, with {@code raw_scores}, the logits; {@code top_k} keeps the first k.
 * A single-string request gets its one list, a list request a list of lists.
 */
final class ScoreLists {
    private ScoreLists() {}

    /** The response body for {@code request} given one row of logits per text. */
    static JsonArray of(PredictRequest request, float[][] logits, LabelSet labels) {
        if (request.single()) {
            return scores(logits[0], labels, request);
        }
        JsonArray all = new JsonArray(logits.length);
        for (float[] row : logits) {
            all.add(scores(row, labels, request));
        }
        return all;
    }

    private static JsonArray scores(float[] logits, LabelSet labels, PredictRequest request) {
        float[] scores =
                request.rawScores()
                        ? logits
                        : Prediction.fromLogits(logits, labels).probabilities();
        int shown = request.topK() == 0 ? scores.length : Math.min(request.topK(), scores.length);
        JsonArray list = new JsonArray(shown);
        IntStream.range(0, scores.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -scores[c]))
                .limit(shown)
                .forEach(
                        c -> {
                            JsonObject entry = new JsonObject();
                            entry.addProperty("label", labels.name(c));
                            entry.addProperty("score", scores[c]);
                            list.add(entry);
                        });
        return list;
    }
}

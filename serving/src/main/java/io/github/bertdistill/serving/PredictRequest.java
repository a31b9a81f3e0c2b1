package io.github.bertdistill.serving;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import io.github.bertdistill.core.config.StrictJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code POST /predict} body in Hugging Face's text-classification shape, checked whole:
 *
 * <pre>{@code
 * {"inputs": "one text"}                       → [{"label": …, "score": …}, …]
 * {"inputs": ["a text", "another"]}            → [[…], […]]
 * {"inputs": …, "raw_scores": true}            scores are raw logits (text-embeddings-inference)
 * {"inputs": …, "parameters": {"top_k": 1}}    the k best classes only (Inference API)
 * }</pre>
 *
 * <p>Every answer lists classes best first. Unknown keys, a missing or empty {@code inputs}, a
 * non-string or blank text, more texts than allowed, and values of the wrong type are refused with
 * a {@link RequestRefused 400} naming the field. A text longer than the limit is cut to it and
 * counted in {@link #truncated()}.
 *
 * @param texts the texts, in order
 * @param single whether {@code inputs} was one string (answered without the outer list)
 * @param rawScores whether scores are logits instead of probabilities
 * @param topK how many classes to list per text (0: all)
 * @param truncated how many texts were cut to the length limit
 */
record PredictRequest(
        List<String> texts, boolean single, boolean rawScores, int topK, int truncated) {
    private static final Set<String> KEYS = Set.of("inputs", "raw_scores", "parameters");
    private static final Set<String> PARAMETER_KEYS = Set.of("top_k");
    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

    /**
     * Reads and checks a body.
     *
     * @throws RequestRefused 400 naming what is wrong
     */
    static PredictRequest parse(String body, int maxTexts, int maxTextChars) {
        JsonObject json = object(body);
        unknownKeys(json, KEYS, "");
        JsonElement inputs = json.get("inputs");
        if (inputs == null || inputs.isJsonNull()) {
            throw RequestRefused.badRequest(
                    (inputs == null ? "missing field 'inputs'" : "'inputs' is null")
                            + ": give a text or a list of texts");
        }
        boolean single = inputs.isJsonPrimitive();
        List<String> texts = new ArrayList<>();
        if (single) {
            texts.add(text(inputs, "inputs"));
        } else if (inputs.isJsonArray()) {
            JsonArray list = inputs.getAsJsonArray();
            if (list.isEmpty()) {
                throw RequestRefused.badRequest(
                        "'inputs' is an empty list: give at least one text");
            }
            if (list.size() > maxTexts) {
                throw RequestRefused.badRequest(
                        "'inputs' has " + list.size() + " texts, at most " + maxTexts + " allowed");
            }
            for (int i = 0; i < list.size(); i++) {
                texts.add(text(list.get(i), "inputs[" + i + "]"));
            }
        } else {
            throw RequestRefused.badRequest("'inputs' must be a string or a list of strings");
        }
        int truncated = 0;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text.codePointCount(0, text.length()) > maxTextChars) {
                texts.set(i, text.substring(0, text.offsetByCodePoints(0, maxTextChars)));
                truncated++;
            }
        }
        boolean rawScores = flag(json.get("raw_scores"), "raw_scores");
        int topK = topK(json.get("parameters"));
        return new PredictRequest(List.copyOf(texts), single, rawScores, topK, truncated);
    }

    private static JsonObject object(String body) {
        if (body.isBlank()) {
            throw RequestRefused.badRequest(
                    "the body is empty: send a JSON object such as {\"inputs\": \"a text\"}");
        }
        JsonElement json;
        try {
            json = StrictJson.parseStrictly(body);
        } catch (StrictJson.DuplicateKeyException e) {
            throw RequestRefused.badRequest("'" + e.key() + "' is given twice");
        } catch (JsonParseException e) {
            if (String.valueOf(e.getMessage()).startsWith("Nesting limit")) {
                throw RequestRefused.badRequest(
                        "body nests JSON more than 255 levels deep" + position(e));
            }
            throw RequestRefused.badRequest("body is not valid JSON" + position(e));
        }
        if (!json.isJsonObject()) {
            throw RequestRefused.badRequest("body must be a JSON object with 'inputs'");
        }
        return json.getAsJsonObject();
    }

    private static String text(JsonElement element, String field) {
        if (!(element instanceof JsonPrimitive primitive) || !primitive.isString()) {
            throw RequestRefused.badRequest("'" + field + "' must be a string");
        }
        String text = primitive.getAsString();
        if (text.isBlank()) {
            throw RequestRefused.badRequest("'" + field + "' is empty or blank");
        }
        return text;
    }

    private static boolean flag(JsonElement element, String field) {
        if (element == null || element.isJsonNull()) {
            return false;
        }
        if (!(element instanceof JsonPrimitive primitive) || !primitive.isBoolean()) {
            throw RequestRefused.badRequest("'" + field + "' must be true or false");
        }
        return primitive.getAsBoolean();
    }

    private static int topK(JsonElement parameters) {
        if (parameters == null || parameters.isJsonNull()) {
            return 0;
        }
        if (!parameters.isJsonObject()) {
            throw RequestRefused.badRequest("'parameters' must be an object");
        }
        JsonObject object = parameters.getAsJsonObject();
        unknownKeys(object, PARAMETER_KEYS, "parameters.");
        JsonElement topK = object.get("top_k");
        if (topK == null || topK.isJsonNull()) {
            return 0;
        }
        if (!(topK instanceof JsonPrimitive primitive)
                || !primitive.isNumber()
                || primitive.getAsDouble() != Math.rint(primitive.getAsDouble())
                || primitive.getAsDouble() < 1
                || primitive.getAsDouble() > Integer.MAX_VALUE) {
            throw RequestRefused.badRequest("'parameters.top_k' must be an integer >= 1");
        }
        return primitive.getAsInt();
    }

    private static void unknownKeys(JsonObject object, Set<String> known, String prefix) {
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw RequestRefused.badRequest(
                        "unknown field '"
                                + prefix
                                + entry.getKey()
                                + "'; known fields: "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** Where the parser stopped, as {@code " (line 1, column 7)"}, or nothing if it did not say. */
    private static String position(Exception e) {
        Matcher matcher = POSITION.matcher(String.valueOf(e.getMessage()));
        return matcher.find()
                ? " (line " + matcher.group(1) + ", column " + matcher.group(2) + ")"
                : "";
    }
}

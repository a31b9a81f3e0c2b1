package io.github.bertdistill.core.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import io.github.bertdistill.core.config.StrictJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads JSON Lines: one JSON object per line, parsed strictly (RFC 8259).
 *
 * <pre>
 * {"text": "a gorgeous , witty , seductive movie .", "label": 1}
 * {"text": "one long string of cliches .", "label": "0", "id": "sst-17"}
 * </pre>
 *
 * <p>The text field ({@code text} by default) must be a string. The label field ({@code label} by
 * default) may be a string or a number; a number is kept in its shortest plain form ({@code 1},
 * {@code 1.0} and {@code 1e0} all give {@code "1"}, the label a TSV file's {@code 1} gives); a line
 * without it, or with {@code null}, gives an unlabelled example, so one reader serves gold data and
 * unlabelled transfer sets alike, unless {@link #requireLabels} makes it a bad row. Without an id
 * field the id is {@code <file name>:<line>}; with one, every line needs a string or number id,
 * unique in the file. Malformed JSON, a value that is not an object, a missing text and a blank
 * line before the last record are bad rows; blank lines at the end of the file are ignored. Other
 * fields are ignored.
 */
public final class JsonLinesReader implements DatasetReader {
    /** Parses RFC 8259 JSON only, and rejects anything after the value. */
    private static final Gson STRICT_GSON =
            new GsonBuilder().setStrictness(Strictness.STRICT).create();

    private final String textField;
    private final String labelField;
    private final String idField;
    private final ReadOptions options;
    private final boolean labelRequired;

    private JsonLinesReader(
            String textField,
            String labelField,
            String idField,
            ReadOptions options,
            boolean labelRequired) {
        this.textField = textField;
        this.labelField = labelField;
        this.idField = idField;
        this.options = Objects.requireNonNull(options, "options");
        this.labelRequired = labelRequired;
    }

    /** A reader of fields {@code text} and {@code label}, without id field, default options. */
    public static JsonLinesReader create() {
        return new JsonLinesReader("text", "label", null, ReadOptions.defaults(), false);
    }

    /** A copy of this reader taking the text from {@code field}. */
    public JsonLinesReader optTextField(String field) {
        return new JsonLinesReader(checkName(field), labelField, idField, options, labelRequired);
    }

    /** A copy of this reader taking the (optional) label from {@code field}. */
    public JsonLinesReader optLabelField(String field) {
        return new JsonLinesReader(textField, checkName(field), idField, options, labelRequired);
    }

    /**
     * A copy of this reader for gold data: a line without the label field, or with {@code null}, is
     * a bad row instead of an unlabelled example.
     */
    public JsonLinesReader requireLabels() {
        return new JsonLinesReader(textField, labelField, idField, options, true);
    }

    /**
     * A copy of this reader taking each example's id from {@code field}, required on every line.
     */
    public JsonLinesReader optIdField(String field) {
        return new JsonLinesReader(textField, labelField, checkName(field), options, labelRequired);
    }

    /** A copy of this reader with other shared options. */
    public JsonLinesReader optReadOptions(ReadOptions options) {
        return new JsonLinesReader(textField, labelField, idField, options, labelRequired);
    }

    private static String checkName(String field) {
        checkArgument(field != null && !field.isEmpty(), "field name must not be empty");
        return field;
    }

    @Override
    public ReadResult read(Path file) throws IOException {
        return LineRows.read(
                file,
                options,
                new RowCollector.Fields(textField, labelField, idField),
                this::parse);
    }

    private RowCollector.Row parse(String line) throws BadRowException {
        JsonObject object = parseObject(line);
        JsonElement text = object.get(textField);
        if (text == null || text.isJsonNull()) {
            throw new BadRowException(textField, "missing");
        }
        if (!text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
            throw new BadRowException(textField, "must be a string, found " + kind(text));
        }
        JsonElement label = object.get(labelField);
        boolean unlabelled = label == null || label.isJsonNull();
        if (unlabelled && labelRequired) {
            throw new BadRowException(labelField, "missing: every line of labelled data needs one");
        }
        String id = idField == null ? null : scalar(object.get(idField), idField);
        return new RowCollector.Row(
                text.getAsString(), unlabelled ? null : scalar(label, labelField), id);
    }

    private static JsonObject parseObject(String line) throws BadRowException {
        JsonElement element;
        try {
            element = STRICT_GSON.fromJson(line, JsonElement.class);
        } catch (JsonParseException e) {
            throw new BadRowException(null, "malformed JSON: " + describe(e));
        }
        if (!element.isJsonObject()) {
            throw new BadRowException(null, "expected a JSON object, found " + kind(element));
        }
        return element.getAsJsonObject();
    }

    /** {@link StrictJson#describe}'s words, with a syntax error so called and no line 1. */
    private static String describe(JsonParseException e) {
        return StrictJson.describe(e)
                .replace("malformed JSON", "syntax error")
                .replace(" at line 1 column ", " at column ");
    }

    /**
     * A string value as it is, a number in its shortest plain decimal form: {@code 1}, {@code 1.0}
     * and {@code 1e0} are all the label {@code 1}, as in a TSV file.
     */
    private static String scalar(JsonElement value, String field) throws BadRowException {
        if (value == null || value.isJsonNull()) {
            throw new BadRowException(field, "missing");
        }
        if (!value.isJsonPrimitive() || value.getAsJsonPrimitive().isBoolean()) {
            throw new BadRowException(field, "must be a string or a number, found " + kind(value));
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        return primitive.isNumber()
                ? primitive.getAsBigDecimal().stripTrailingZeros().toPlainString()
                : primitive.getAsString();
    }

    private static String kind(JsonElement value) {
        if (value.isJsonObject()) {
            return "an object";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        if (value.isJsonNull()) {
            return "null";
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        return primitive.isBoolean() ? "a boolean" : primitive.isNumber() ? "a number" : "a string";
    }
}

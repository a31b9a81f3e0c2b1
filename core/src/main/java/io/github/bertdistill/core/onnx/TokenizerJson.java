package io.github.bertdistill.core.onnx;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * The Hugging Face {@code tokenizer.json} written beside an exported graph, with the settings of
 * the model's own encoder, so that the {@code tokenizers} library (Python, Rust, DJL) encodes texts
 * as the model does: truncation to the model's maximum length, longest first, and no padding (a
 * caller pads its batches, and the graph takes any length).
 */
public final class TokenizerJson {
    private static final Gson GSON =
            new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private TokenizerJson() {}

    /** Sets {@code tokenizer}'s truncation to {@code maxLength} tokens and its padding to none. */
    public static void encodeLikeTheModel(JsonObject tokenizer, int maxLength) {
        JsonObject truncation = new JsonObject();
        truncation.addProperty("direction", "Right");
        truncation.addProperty("max_length", maxLength);
        truncation.addProperty("strategy", "LongestFirst");
        truncation.addProperty("stride", 0);
        tokenizer.add("truncation", truncation);
        tokenizer.add("padding", JsonNull.INSTANCE);
    }

    /** {@code tokenizer} as the file's text: its {@code null} members kept, no HTML escapes. */
    public static String write(JsonObject tokenizer) {
        return GSON.toJson(tokenizer);
    }
}

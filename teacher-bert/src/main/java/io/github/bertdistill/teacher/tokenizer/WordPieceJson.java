package io.github.bertdistill.teacher.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code tokenizer.json} of a standard BERT WordPiece tokenizer over a {@code vocab.txt}: BERT
 * normalisation (optionally lower-casing, Chinese characters split), BERT pre-tokenisation, {@code
 * [CLS] A [SEP]} / {@code [CLS] A [SEP] B [SEP]} templates — what Hugging Face's {@code
 * BertTokenizerFast} builds from the same file.
 */
final class WordPieceJson {
    private static final List<String> SPECIAL =
            List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]");

    private WordPieceJson() {}

    /** The JSON, UTF-8 encoded; {@code vocab} lists the tokens in id order. */
    static byte[] build(List<String> vocab, boolean lowercase) {
        JsonObject ids = new JsonObject();
        for (int i = 0; i < vocab.size(); i++) {
            if (!ids.has(vocab.get(i))) {
                ids.addProperty(vocab.get(i), i);
            }
        }
        for (String token : List.of("[UNK]", "[CLS]", "[SEP]")) {
            if (!ids.has(token)) {
                throw new IllegalArgumentException("the vocabulary has no " + token + " token");
            }
        }
        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("added_tokens", addedTokens(ids));
        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "BertNormalizer");
        normalizer.addProperty("clean_text", true);
        normalizer.addProperty("handle_chinese_chars", true);
        normalizer.addProperty("lowercase", lowercase);
        root.add("normalizer", normalizer);
        root.add("pre_tokenizer", typed("BertPreTokenizer"));
        root.add("post_processor", template(ids));
        JsonObject model = typed("WordPiece");
        model.addProperty("unk_token", "[UNK]");
        model.addProperty("continuing_subword_prefix", "##");
        model.addProperty("max_input_chars_per_word", 100);
        model.add("vocab", ids);
        root.add("model", model);
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonArray addedTokens(JsonObject ids) {
        JsonArray added = new JsonArray();
        for (String token : SPECIAL) {
            if (ids.has(token)) {
                JsonObject t = new JsonObject();
                t.addProperty("id", ids.get(token).getAsInt());
                t.addProperty("content", token);
                t.addProperty("single_word", false);
                t.addProperty("lstrip", false);
                t.addProperty("rstrip", false);
                t.addProperty("normalized", false);
                t.addProperty("special", true);
                added.add(t);
            }
        }
        return added;
    }

    private static JsonObject template(JsonObject ids) {
        JsonObject processor = typed("TemplateProcessing");
        JsonArray single = new JsonArray();
        single.add(piece("SpecialToken", "[CLS]", 0));
        single.add(piece("Sequence", "A", 0));
        single.add(piece("SpecialToken", "[SEP]", 0));
        JsonArray pair = single.deepCopy();
        pair.add(piece("Sequence", "B", 1));
        pair.add(piece("SpecialToken", "[SEP]", 1));
        processor.add("single", single);
        processor.add("pair", pair);
        JsonObject special = new JsonObject();
        for (String token : List.of("[CLS]", "[SEP]")) {
            JsonObject entry = new JsonObject();
            entry.addProperty("id", token);
            JsonArray tokenIds = new JsonArray();
            tokenIds.add(ids.get(token).getAsInt());
            entry.add("ids", tokenIds);
            JsonArray tokens = new JsonArray();
            tokens.add(token);
            entry.add("tokens", tokens);
            special.add(token, entry);
        }
        processor.add("special_tokens", special);
        return processor;
    }

    private static JsonObject piece(String kind, String id, int typeId) {
        JsonObject inner = new JsonObject();
        inner.addProperty("id", id);
        inner.addProperty("type_id", typeId);
        JsonObject outer = new JsonObject();
        outer.add(kind, inner);
        return outer;
    }

    private static JsonObject typed(String type) {
        JsonObject object = new JsonObject();
        object.addProperty("type", type);
        return object;
    }
}

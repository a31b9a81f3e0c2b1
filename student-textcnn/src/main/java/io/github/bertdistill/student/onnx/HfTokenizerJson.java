package io.github.bertdistill.student.onnx;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.onnx.TokenizerJson;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.student.vocab.Vocabulary;
import io.github.bertdistill.student.vocab.VocabularyKind;
import io.github.bertdistill.student.vocab.WordPieceTokenizer;
import java.util.List;
import java.util.Optional;

/**
 * A student's tokenisation as a Hugging Face {@code tokenizer.json}, for the {@code tokenizers}
 * library (Python, Rust, DJL) to encode texts as the student does, where that library can express
 * it: a WordPiece student is BERT's tokenisation without special tokens — {@code BertNormalizer}
 * (clean text, CJK ideographs apart, lower-casing and accent stripping for uncased vocabularies),
 * {@code BertPreTokenizer}, a {@code WordPiece} model with {@code [UNK]} and {@code ##}, no
 * post-processor (the student reads no {@code [CLS]}/{@code [SEP]}), truncation to the student's
 * maximum length.
 *
 * <p>Word and Chinese-character students split text by core's {@code WordSplitter} rule (every
 * symbol a token, invisible characters dropped without splitting, combining marks kept), which no
 * combination of the library's normalizers and pre-tokenizers reproduces exactly; they get no
 * {@code tokenizer.json}, and their {@code vocab.txt} is read with that rule.
 */
public final class HfTokenizerJson {
    private HfTokenizerJson() {}

    /** The {@code tokenizer.json} of {@code vocabulary}, or empty where it cannot be written. */
    public static Optional<String> of(StudentVocabulary vocabulary, int maxLength) {
        if (vocabulary.kind() != VocabularyKind.WORDPIECE) {
            return Optional.empty();
        }
        Vocabulary tokens = vocabulary.vocabulary();
        JsonObject json = new JsonObject();
        json.addProperty("version", "1.0");
        TokenizerJson.encodeLikeTheModel(json, maxLength);
        JsonArray added = new JsonArray();
        for (String special : List.of(Vocabulary.PAD, Vocabulary.UNK)) {
            JsonObject token = new JsonObject();
            token.addProperty("id", tokens.id(special));
            token.addProperty("content", special);
            token.addProperty("single_word", false);
            token.addProperty("lstrip", false);
            token.addProperty("rstrip", false);
            token.addProperty("normalized", false);
            token.addProperty("special", true);
            added.add(token);
        }
        json.add("added_tokens", added);
        JsonObject normalizer = new JsonObject();
        normalizer.addProperty("type", "BertNormalizer");
        normalizer.addProperty("clean_text", true);
        normalizer.addProperty("handle_chinese_chars", true);
        normalizer.add("strip_accents", JsonNull.INSTANCE);
        normalizer.addProperty("lowercase", vocabulary.lowerCase());
        json.add("normalizer", normalizer);
        JsonObject preTokenizer = new JsonObject();
        preTokenizer.addProperty("type", "BertPreTokenizer");
        json.add("pre_tokenizer", preTokenizer);
        json.add("post_processor", JsonNull.INSTANCE);
        JsonObject decoder = new JsonObject();
        decoder.addProperty("type", "WordPiece");
        decoder.addProperty("prefix", "##");
        decoder.addProperty("cleanup", true);
        json.add("decoder", decoder);
        JsonObject model = new JsonObject();
        model.addProperty("type", "WordPiece");
        model.addProperty("unk_token", Vocabulary.UNK);
        model.addProperty("continuing_subword_prefix", "##");
        model.addProperty("max_input_chars_per_word", WordPieceTokenizer.MAX_CHARS_PER_WORD);
        JsonObject vocab = new JsonObject();
        for (int id = 0; id < tokens.size(); id++) {
            vocab.addProperty(tokens.token(id), id);
        }
        model.add("vocab", vocab);
        json.add("model", model);
        return Optional.of(TokenizerJson.write(json));
    }
}

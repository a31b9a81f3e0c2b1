package io.github.bertdistill.teacher.weights;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.bertdistill.core.storage.HostTensor;
import io.github.bertdistill.core.storage.ModelDirectory;
import io.github.bertdistill.core.storage.SafetensorsFile;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hugging Face model folder: {@code config.json}, {@code model.safetensors} and {@code
 * tokenizer.json} (or {@code vocab.txt}), as written by {@code save_pretrained} (a {@code
 * BertModel} with names {@code embeddings.…}, or a {@code BertFor…} model with names {@code
 * bert.…}).
 */
public final class HfCheckpoint {
    /** The weights file. */
    public static final String WEIGHTS_FILE = "model.safetensors";

    /** The tokenizer file. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    /** The WordPiece vocabulary of older BERT folders. */
    public static final String VOCAB_FILE = "vocab.txt";

    private HfCheckpoint() {}

    /** The folder's {@code config.json}. */
    public static JsonObject config(Path folder) throws IOException {
        return ModelDirectory.readConfig(folder);
    }

    /** The folder's {@code model.safetensors}, by tensor name. */
    public static Map<String, HostTensor> weights(Path folder) throws IOException {
        return SafetensorsFile.read(weightsFile(folder));
    }

    /**
     * Checks, without reading the weights, that {@code folder} is a complete BERT folder: a valid
     * {@code config.json}, {@code model.safetensors} and a tokenizer file.
     *
     * @return the folder's architecture
     * @throws IOException naming the file that is missing or invalid
     */
    public static BertConfig requireComplete(Path folder) throws IOException {
        BertConfig config;
        try {
            config = BertConfig.fromJson(config(folder));
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    folder.resolve(ModelDirectory.CONFIG_FILE) + ": " + e.getMessage(), e);
        }
        weightsFile(folder);
        tokenizerFile(folder);
        return config;
    }

    private static Path weightsFile(Path folder) throws IOException {
        Path file = folder.resolve(WEIGHTS_FILE);
        if (!Files.exists(file)) {
            String hint =
                    Files.exists(folder.resolve("pytorch_model.bin"))
                            ? "; it has pytorch_model.bin, convert it to safetensors first"
                            : "";
            throw new IOException(file + " is missing" + hint);
        }
        return file;
    }

    /** {@code tokenizer.json}, or else {@code vocab.txt}. */
    private static Path tokenizerFile(Path folder) throws IOException {
        for (String name : new String[] {TOKENIZER_FILE, VOCAB_FILE}) {
            Path file = folder.resolve(name);
            if (Files.exists(file)) {
                return file;
            }
        }
        throw new IOException(
                folder
                        + " has neither "
                        + TOKENIZER_FILE
                        + " nor "
                        + VOCAB_FILE
                        + ": no tokenizer");
    }

    /**
     * The folder's tokenizer: {@code tokenizer.json}, or else {@code vocab.txt} with {@code
     * do_lower_case} from {@code tokenizer_config.json} (default {@code true}), as older BERT
     * folders have it.
     */
    public static BertTokenizer tokenizer(Path folder, int maxLength) throws IOException {
        Path file = tokenizerFile(folder);
        if (file.getFileName().toString().equals(TOKENIZER_FILE)) {
            return BertTokenizer.fromFile(file, maxLength);
        }
        return BertTokenizer.fromVocabFile(file, lowercase(folder), maxLength);
    }

    private static boolean lowercase(Path folder) throws IOException {
        Path config = folder.resolve("tokenizer_config.json");
        if (!Files.exists(config)) {
            return true;
        }
        try {
            JsonElement value =
                    JsonParser.parseString(Files.readString(config, StandardCharsets.UTF_8))
                            .getAsJsonObject()
                            .get("do_lower_case");
            return value == null || value.getAsBoolean();
        } catch (RuntimeException e) {
            throw new IOException(config + ": invalid tokenizer config: " + e.getMessage(), e);
        }
    }
}

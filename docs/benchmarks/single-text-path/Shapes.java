import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import io.github.bertdistill.teacher.BertClassifier;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Untrained models of the published SST-2 shapes, for timing only (the time of a forward pass does
 * not depend on the weights): the two teachers with new heads, and the two students with random
 * weights over their teacher's WordPiece vocabulary.
 *
 * <p>{@code java -cp bert-distill.jar Shapes.java OUT}
 */
public class Shapes {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        LabelSet labels = LabelSet.of("negative", "positive");
        // sst2-minilm's teacher and sst2-phrases-minilm's; sst2-phrases-bge-*'s
        try (BertClassifier minilm =
                        BertClassifier.fromPreset(BertPreset.MINILM_L6, labels, Pooling.MEAN, 64);
                BertClassifier bge =
                        BertClassifier.fromPreset(
                                BertPreset.BGE_SMALL_EN, labels, Pooling.CLS, 64)) {
            minilm.save(out.resolve("minilm-l6"));
            bge.save(out.resolve("bge-small-en"));
        }
        StudentVocabulary wordPiece =
                StudentVocabulary.wordPiece(out.resolve("minilm-l6/tokenizer.json"));
        // sst2-minilm's student: widths 3/4/5 × 200 filters
        save(
                out.resolve("textcnn-200"),
                wordPiece,
                labels,
                TextCnnConfig.builder()
                        .optEmbeddingSize(128)
                        .optMaxLength(64)
                        .optFiltersPerWidth(200)
                        .build());
        // sst2-phrases-bge-lstm-k1's and sst2-phrases-minilm's student: the BiLSTM
        save(
                out.resolve("bilstm"),
                wordPiece,
                labels,
                TextCnnConfig.builder()
                        .optEmbeddingSize(128)
                        .optMaxLength(64)
                        .optLstmSize(64)
                        .optKernelWidths(1)
                        .optFiltersPerWidth(200)
                        .build());
    }

    private static void save(
            Path folder, StudentVocabulary vocabulary, LabelSet labels, TextCnnConfig config)
            throws Exception {
        try (TextCnnClassifier student =
                TextCnnClassifier.builder()
                        .setVocabulary(vocabulary)
                        .setLabels(labels)
                        .optConfig(config)
                        .optSeed(42)
                        .build()) {
            student.save(folder);
        }
    }
}

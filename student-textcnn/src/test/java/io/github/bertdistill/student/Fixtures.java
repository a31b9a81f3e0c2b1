package io.github.bertdistill.student;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.student.model.TextCnnClassifier;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.StudentVocabulary;
import java.util.List;

/** Small shared fixtures: a word vocabulary over a few sentences and a tiny TextCNN config. */
public final class Fixtures {
    private Fixtures() {}

    public static final List<String> TEXTS =
            List.of(
                    "A wonderful, moving film.",
                    "The plot is thin and the acting is dull.",
                    "I loved every minute of it!",
                    "Boring. Predictable. Too long.",
                    "An uneven but charming comedy with a great cast.",
                    "the film is a mess");

    public static final LabelSet LABELS = LabelSet.of("neg", "pos");

    public static StudentVocabulary words() {
        return StudentVocabulary.wordBuilder().build(TEXTS);
    }

    /** 16-wide embeddings, kernels 2/3/4 × 8 filters, max 32 tokens. */
    public static TextCnnConfig.Builder tinyConfig() {
        return TextCnnConfig.builder()
                .optEmbeddingSize(16)
                .optKernelWidths(2, 3, 4)
                .optFiltersPerWidth(8)
                .optMaxLength(32);
    }

    public static TextCnnClassifier tinyClassifier() {
        return tinyClassifier(tinyConfig().build());
    }

    /** A classifier over {@link #words()} with {@code config}, seed 7. */
    public static TextCnnClassifier tinyClassifier(TextCnnConfig config) {
        return TextCnnClassifier.builder()
                .setVocabulary(words())
                .setLabels(LABELS)
                .optConfig(config)
                .optSeed(7)
                .build();
    }
}

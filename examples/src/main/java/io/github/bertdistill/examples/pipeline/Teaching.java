package io.github.bertdistill.examples.pipeline;

import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.distill.train.SoftTargets;
import io.github.bertdistill.distill.train.TeacherFeatures;
import java.io.IOException;
import java.util.Optional;

/**
 * What a student may take from the teacher: the transfer set, the teacher's logits for it, and the
 * teacher's word embeddings (when the recipe initialises the student's embeddings from them).
 */
interface Teaching {
    /** The training data plus the augmented text. */
    TextDataset transferSet();

    /** The teacher's logits by example id. */
    SoftTargets softTargets();

    /**
     * The teacher's feature vectors by example id; present when the recipe matches them ({@code
     * student.distillMethod.featureWeight > 0}).
     */
    Optional<TeacherFeatures> teacherFeatures();

    /** The teacher's WordPiece vocabulary and word-embedding matrix. */
    TeacherWordEmbeddings embeddings() throws IOException;

    /**
     * For a student trained on gold labels alone: no soft targets, and the teacher is loaded only
     * if its embeddings are asked for.
     */
    static Teaching goldLabelsOnly(TextDataset train, RunFolder run) {
        return new Teaching() {
            @Override
            public TextDataset transferSet() {
                return train;
            }

            @Override
            public SoftTargets softTargets() {
                return SoftTargets.none();
            }

            @Override
            public Optional<TeacherFeatures> teacherFeatures() {
                return Optional.empty();
            }

            @Override
            public TeacherWordEmbeddings embeddings() throws IOException {
                try (TextClassifier teacher = ModelFolders.load(run.requireTeacher())) {
                    return TeacherWordEmbeddings.find(teacher, run.teacher())
                            .orElseThrow(() -> TeacherWordEmbeddings.missing(run.teacher()));
                }
            }
        };
    }
}

package io.github.bertdistill.distill.augment;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import java.util.Objects;

/**
 * The distillation transfer set: the labelled training examples followed by their augmented,
 * unlabelled copies (Tang et al. 2019, §3.3), then optional in-domain text without labels and its
 * copies, made by the same augmenter or one of its own (Hinton et al. 2015's transfer set need not
 * be labelled). The teacher labels all of it through the logit cache; the hard-label loss sees only
 * the labelled originals.
 *
 * <p>The copies can come from other texts than the training examples ({@link
 * Builder#optAugmentationSource}): a model trained on SST-2's 67,349 phrases is best served by
 * copies of its 6,920 whole sentences, not of every sub-phrase.
 *
 * <pre>{@code
 * TextDataset transfer = TransferSet.builder()
 *         .setTrainingSet(train)
 *         .setAugmenter(new Augmenter(AugmentationConfig.builder().optSeed(7).build(), neighbours))
 *         .build();
 * }</pre>
 */
public final class TransferSet {
    private TransferSet() {}

    /** A builder; the training set and augmenter are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a transfer set. */
    public static final class Builder {
        private TextDataset trainingSet;
        private Augmenter augmenter;
        private TextDataset unlabelled;
        private TextDataset augmentationSource;
        private Augmenter unlabelledAugmenter;
        private String name;

        private Builder() {}

        /** The labelled training examples, kept first and unchanged. */
        public Builder setTrainingSet(TextDataset trainingSet) {
            this.trainingSet = Objects.requireNonNull(trainingSet, "trainingSet");
            return this;
        }

        /** The augmenter that makes the unlabelled copies. */
        public Builder setAugmenter(Augmenter augmenter) {
            this.augmenter = Objects.requireNonNull(augmenter, "augmenter");
            return this;
        }

        /**
         * In-domain text without labels, kept after the training set's copies and augmented like it
         * (default: none). Its ids must differ from the training set's.
         *
         * @throws IllegalArgumentException if one of its examples has a label
         */
        public Builder optUnlabelled(TextDataset unlabelled) {
            this.unlabelled = requireUnlabelled(unlabelled, "the unlabelled text");
            return this;
        }

        /**
         * The augmenter of the unlabelled text (default: the training set's). Unlabelled in-domain
         * text is already new context for the student, and it can be many times the training set:
         * an augmenter with fewer copies (or none) keeps the labelling cost in proportion.
         */
        public Builder optUnlabelledAugmenter(Augmenter unlabelledAugmenter) {
            this.unlabelledAugmenter =
                    Objects.requireNonNull(unlabelledAugmenter, "unlabelledAugmenter");
            return this;
        }

        /**
         * The texts whose copies follow the training examples instead of the training examples' own
         * copies (default: the training set). The texts themselves are not added, only their
         * copies; their ids must differ from the training set's.
         *
         * @throws IllegalArgumentException if one of its examples has a label
         */
        public Builder optAugmentationSource(TextDataset source) {
            this.augmentationSource = requireUnlabelled(source, "the augmentation source");
            return this;
        }

        /** The name of the transfer set (default: the training set's name + {@code "+aug"}). */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The training examples and their copies (or the augmentation source's), then the
         * unlabelled texts and theirs, made lazily while iterating: for a transfer set too large to
         * hold in memory, feed this straight to the logit cache writer. The neighbours of their
         * words are searched first, at once (see {@link Augmenter#prepare}).
         */
        public Iterable<TextExample> examples() {
            checkState(trainingSet != null, "a transfer set needs a training set");
            checkState(augmenter != null, "a transfer set needs an augmenter");
            Iterable<TextExample> copied =
                    augmentationSource == null ? trainingSet : augmentationSource;
            Iterable<TextExample> labelled =
                    Iterables.concat(trainingSet, augmenter.augmentAll(copied));
            if (unlabelled == null) {
                augmenter.prepare(copied);
                return labelled;
            }
            Augmenter ofUnlabelled = unlabelledAugmenter == null ? augmenter : unlabelledAugmenter;
            if (ofUnlabelled == augmenter) {
                augmenter.prepare(Iterables.concat(copied, unlabelled));
            } else {
                augmenter.prepare(copied);
                ofUnlabelled.prepare(unlabelled);
            }
            return Iterables.concat(labelled, unlabelled, ofUnlabelled.augmentAll(unlabelled));
        }

        /**
         * The transfer set in memory.
         *
         * @throws IllegalArgumentException if two examples share an id
         */
        public TextDataset build() {
            Iterable<TextExample> examples = examples();
            return trainingSet.derive(
                    name != null ? name : trainingSet.name() + "+aug",
                    ImmutableList.copyOf(examples));
        }

        private static TextDataset requireUnlabelled(TextDataset texts, String role) {
            checkArgument(
                    texts.examples().stream().noneMatch(TextExample::isLabelled),
                    "%s of a transfer set must not carry labels: %s",
                    role,
                    texts.name());
            return texts;
        }
    }
}

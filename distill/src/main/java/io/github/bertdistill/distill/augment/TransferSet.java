package io.github.bertdistill.distill.augment;

import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import java.util.Objects;

/**
 * The distillation transfer set: the labelled training examples followed by their augmented,
 * unlabelled copies (Tang et al. 2019, §3.3). The teacher labels all of it through the logit cache;
 * the hard-label loss sees only the originals.
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

        /** The name of the transfer set (default: the training set's name + {@code "+aug"}). */
        public Builder optName(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The originals, then the copies, made lazily while iterating: for a transfer set too large
         * to hold in memory, feed this straight to the logit cache writer.
         */
        public Iterable<TextExample> examples() {
            checkState(trainingSet != null, "a transfer set needs a training set");
            checkState(augmenter != null, "a transfer set needs an augmenter");
            return Iterables.concat(trainingSet, augmenter.augmentAll(trainingSet));
        }

        /**
         * The transfer set in memory.
         *
         * @throws IllegalArgumentException if a copy's id collides with an original id
         */
        public TextDataset build() {
            Iterable<TextExample> examples = examples();
            return trainingSet.derive(
                    name != null ? name : trainingSet.name() + "+aug",
                    ImmutableList.copyOf(examples));
        }
    }
}

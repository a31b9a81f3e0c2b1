package io.github.bertdistill.core.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.bertdistill.core.data.LabelSet;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Options shared by every {@link DatasetReader}: the file's charset, what to do with bad rows, the
 * labels allowed, and the dataset's name.
 *
 * <pre>{@code
 * ReadOptions options = ReadOptions.builder()
 *         .optCharset(StandardCharsets.ISO_8859_1)
 *         .optErrorPolicy(ErrorPolicy.SKIP_BAD_ROWS)
 *         .optLabelSet(LabelSet.of("0", "1"))
 *         .build();
 * }</pre>
 */
public final class ReadOptions {
    private static final ReadOptions DEFAULTS = builder().build();

    private final Charset charset;
    private final ErrorPolicy errorPolicy;
    private final LabelSet labelSet;
    private final int maxReportedErrors;
    private final String datasetName;

    private ReadOptions(Builder builder) {
        this.charset = builder.charset;
        this.errorPolicy = builder.errorPolicy;
        this.labelSet = builder.labelSet;
        this.maxReportedErrors = builder.maxReportedErrors;
        this.datasetName = builder.datasetName;
    }

    /** UTF-8, {@link ErrorPolicy#FAIL_FAST}, any label, 5 reported errors, name from the file. */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The charset the file is decoded with. */
    public Charset charset() {
        return charset;
    }

    /** What to do with a bad row. */
    public ErrorPolicy errorPolicy() {
        return errorPolicy;
    }

    /** The labels a row may carry; a label outside it makes the row bad. Empty: any label. */
    public Optional<LabelSet> labelSet() {
        return Optional.ofNullable(labelSet);
    }

    /** How many reasons for skipped rows the {@link ReadReport} keeps. */
    public int maxReportedErrors() {
        return maxReportedErrors;
    }

    /**
     * The name given to the dataset. Empty: the file name without its extension ({@code train} for
     * {@code data/train.csv}).
     */
    public Optional<String> datasetName() {
        return Optional.ofNullable(datasetName);
    }

    /** Builds {@link ReadOptions}; every option has a default. */
    public static final class Builder {
        private Charset charset = StandardCharsets.UTF_8;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL_FAST;
        private LabelSet labelSet;
        private int maxReportedErrors = 5;
        private String datasetName;

        private Builder() {}

        /** The file's charset (default UTF-8). */
        public Builder optCharset(Charset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /** What to do with a bad row (default {@link ErrorPolicy#FAIL_FAST}). */
        public Builder optErrorPolicy(ErrorPolicy errorPolicy) {
            this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
            return this;
        }

        /** The labels rows may carry (default: any). */
        public Builder optLabelSet(LabelSet labelSet) {
            this.labelSet = Objects.requireNonNull(labelSet, "labelSet");
            return this;
        }

        /** How many reasons for skipped rows to keep (default 5; 0 keeps none). */
        public Builder optMaxReportedErrors(int maxReportedErrors) {
            checkArgument(maxReportedErrors >= 0, "maxReportedErrors must not be negative");
            this.maxReportedErrors = maxReportedErrors;
            return this;
        }

        /** The dataset's name (default: the file name without its extension). */
        public Builder optDatasetName(String datasetName) {
            checkArgument(
                    datasetName != null && !datasetName.isBlank(),
                    "dataset name must not be blank");
            this.datasetName = datasetName;
            return this;
        }

        /** The options. */
        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}

package io.github.bertdistill.eval;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.JsonObject;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.eval.report.Roles;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One model to compare: a name, a role, how to load it, and optionally its folder on disk, its
 * training log and its parameter count.
 */
public final class ModelSpec {
    private final String name;
    private final String role;
    private final ClassifierLoader loader;
    private final Path modelDir;
    private final Path trainingLog;
    private final OptionalLong parameters;
    private final JsonObject config;
    private final EngineInfo engine;

    private ModelSpec(Builder builder) {
        checkArgument(builder.name != null && !builder.name.isBlank(), "a model needs a name");
        checkArgument(builder.role != null && !builder.role.isBlank(), "a model needs a role");
        this.name = builder.name;
        this.role = builder.role;
        this.loader = Objects.requireNonNull(builder.loader, "a model needs a loader");
        this.modelDir = builder.modelDir;
        this.trainingLog = builder.trainingLog;
        this.parameters = builder.parameters;
        this.config = builder.config;
        this.engine = builder.engine;
    }

    /** A builder; name, role and loader (or classifier) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name shown in the report. */
    public String name() {
        return name;
    }

    /** One of the {@link Roles} words, or another word. */
    public String role() {
        return role;
    }

    /** Loads the model. */
    public ClassifierLoader loader() {
        return loader;
    }

    /** The model's folder, measured for bytes on disk and read for {@code config.json}. */
    public Optional<Path> modelDir() {
        return Optional.ofNullable(modelDir);
    }

    /** The JSON-lines training log, if any. */
    public Optional<Path> trainingLog() {
        return Optional.ofNullable(trainingLog);
    }

    /** A parameter count given by the caller, which wins over counting the block's parameters. */
    public OptionalLong parameters() {
        return parameters;
    }

    /** A configuration given by the caller, which wins over the folder's {@code config.json}. */
    public Optional<JsonObject> config() {
        return Optional.ofNullable(config);
    }

    /**
     * The engine that runs this model when it is not the report's (an ONNX folder in a report run
     * on PyTorch).
     */
    public Optional<EngineInfo> engine() {
        return Optional.ofNullable(engine);
    }

    /** Settings of a {@link ModelSpec}. */
    public static final class Builder {
        private String name;
        private String role;
        private ClassifierLoader loader;
        private Path modelDir;
        private Path trainingLog;
        private OptionalLong parameters = OptionalLong.empty();
        private JsonObject config;
        private EngineInfo engine;

        private Builder() {}

        /** The name shown in the report; required. */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** One of the {@link Roles} words, or another word; required. */
        public Builder setRole(String role) {
            this.role = role;
            return this;
        }

        /**
         * Loads the model when the evaluation reaches it, so the memory it adds can be measured;
         * required unless {@link #setClassifier} is used.
         */
        public Builder setLoader(ClassifierLoader loader) {
            this.loader = loader;
            return this;
        }

        /**
         * A model already loaded (its load-time memory then shows as about zero); the evaluation
         * closes it when done.
         */
        public Builder setClassifier(TextClassifier classifier) {
            Objects.requireNonNull(classifier, "classifier");
            this.loader = () -> classifier;
            return this;
        }

        /** The model's folder on disk. */
        public Builder optModelDir(Path modelDir) {
            this.modelDir = modelDir;
            return this;
        }

        /**
         * The JSON-lines training log (see {@code TrainingLog} for the keys); {@code null}: none.
         */
        public Builder optTrainingLog(Path trainingLog) {
            this.trainingLog = trainingLog;
            return this;
        }

        /** The parameter count, for models that are not {@code TrainableClassifier}s. */
        public Builder optParameters(long parameters) {
            checkArgument(parameters >= 0, "parameters must be >= 0, got %s", parameters);
            this.parameters = OptionalLong.of(parameters);
            return this;
        }

        /** The model's configuration, reported as is. */
        public Builder optConfig(JsonObject config) {
            this.config = config;
            return this;
        }

        /**
         * The engine that runs this model when it is not the report's: the report names it beside
         * the model.
         */
        public Builder optEngine(EngineInfo engine) {
            this.engine = engine;
            return this;
        }

        /** The spec. */
        public ModelSpec build() {
            return new ModelSpec(this);
        }
    }
}

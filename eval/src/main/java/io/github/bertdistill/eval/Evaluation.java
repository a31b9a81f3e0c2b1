package io.github.bertdistill.eval;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.JsonObject;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.engine.EngineBootstrap;
import io.github.bertdistill.core.engine.EngineInfo;
import io.github.bertdistill.core.metrics.Agreement;
import io.github.bertdistill.core.model.TextClassifier;
import io.github.bertdistill.core.storage.ModelDirectory;
import io.github.bertdistill.eval.footprint.Footprint;
import io.github.bertdistill.eval.footprint.MemoryProbe;
import io.github.bertdistill.eval.footprint.MemoryUsage;
import io.github.bertdistill.eval.latency.LatencyBenchmark;
import io.github.bertdistill.eval.latency.LatencyReport;
import io.github.bertdistill.eval.quality.Predictions;
import io.github.bertdistill.eval.quality.QualityEvaluator;
import io.github.bertdistill.eval.report.Environment;
import io.github.bertdistill.eval.report.EvaluationReport;
import io.github.bertdistill.eval.report.ModelReport;
import io.github.bertdistill.eval.report.PairedTest;
import io.github.bertdistill.eval.report.Roles;
import io.github.bertdistill.eval.report.SeedReplicates;
import io.github.bertdistill.eval.report.SweepPoint;
import io.github.bertdistill.eval.report.TrainingLog;
import io.github.bertdistill.eval.stats.McNemarTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares models on one labelled test set: quality, latency and footprint, ready for {@link
 * io.github.bertdistill.eval.report.ReportWriter}.
 *
 * <p>{@link #run()} works in three phases:
 *
 * <ol>
 *   <li><b>Load and classify, one model after another.</b> For each model: reset the peak-RSS mark
 *       (if the kernel allows), read RSS, load it, read RSS again, classify the whole test set,
 *       read the peak. Memory figures are process-wide, so measuring models one at a time is what
 *       makes them attributable: the load delta is this model's, and the peak is the peak since
 *       this model's load began (or since the JVM started, if the mark could not be reset).
 *   <li><b>Benchmark all models together</b> with the {@link LatencyBenchmark}, interleaved.
 *   <li><b>Score</b>: metrics against gold labels and the teacher's predictions, and McNemar's test
 *       between each distilled student and the undistilled one (or the pairs given).
 *   <li><b>Seed replicates</b>, when given: every replicate is loaded, classifies the test set and
 *       is closed, one at a time; only its accuracy is kept (see {@link SeedReplicates}).
 * </ol>
 *
 * Every model is closed at the end. All models must share one {@link LabelSet}.
 */
public final class Evaluation {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    private final TextDataset dataset;
    private final List<ModelSpec> models;
    private final QualityEvaluator quality;
    private final LatencyBenchmark latency;
    private final EngineInfo engine;
    private final List<SweepPoint> sweep;
    private final List<String[]> pairs;
    private final List<Replicate> replicates;

    private Evaluation(Builder builder) {
        checkArgument(builder.dataset != null, "an evaluation needs a dataset");
        checkArgument(
                builder.dataset.size() > 0, "the dataset %s is empty", builder.dataset.name());
        checkArgument(!builder.models.isEmpty(), "an evaluation needs at least one model");
        Set<String> names = new HashSet<>();
        for (ModelSpec model : builder.models) {
            checkArgument(names.add(model.name()), "two models are named '%s'", model.name());
        }
        this.dataset = builder.dataset;
        this.models = List.copyOf(builder.models);
        this.quality = builder.quality;
        this.latency =
                builder.latency != null
                        ? builder.latency
                        : LatencyBenchmark.builder().setSentences(dataset.texts()).build();
        this.engine = builder.engine;
        this.sweep = List.copyOf(builder.sweep);
        this.pairs = builder.pairs.isEmpty() ? defaultPairs(models) : List.copyOf(builder.pairs);
        this.replicates = List.copyOf(builder.replicates);
        for (String[] pair : pairs) {
            checkArgument(
                    names.contains(pair[0]) && names.contains(pair[1]),
                    "McNemar pair %s/%s names an unknown model",
                    pair[0],
                    pair[1]);
        }
    }

    /** A builder; the dataset and at least one model are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loads, measures and scores every model, then closes them. */
    public EvaluationReport run() throws IOException {
        Environment environment =
                Environment.probe(engine != null ? engine : EngineBootstrap.start());
        List<String> texts = dataset.texts();
        Map<String, TextClassifier> loaded = new LinkedHashMap<>();
        try {
            Map<String, Predictions> predictions = new LinkedHashMap<>();
            Map<String, MemoryUsage> memory = new LinkedHashMap<>();
            for (ModelSpec spec : models) {
                LOG.info("loading and classifying with {}", spec.name());
                memory.put(spec.name(), loadAndClassify(spec, texts, loaded, predictions));
            }
            LabelSet labels = commonLabels(loaded);
            LOG.info("benchmarking {} models", loaded.size());
            LatencyReport latencyReport = latency.run(loaded);
            int[] gold = dataset.labelIndices(labels);
            Predictions teacher =
                    models.stream()
                            .filter(spec -> Roles.TEACHER.equals(spec.role()))
                            .findFirst()
                            .map(spec -> predictions.get(spec.name()))
                            .orElse(null);
            List<ModelReport> reports = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                ModelSpec spec = models.get(i);
                reports.add(
                        new ModelReport(
                                spec.name(),
                                spec.role(),
                                quality.score(predictions.get(spec.name()), gold, labels, teacher),
                                latencyReport.models().get(i),
                                footprint(spec, loaded.get(spec.name()), memory.get(spec.name())),
                                config(spec),
                                spec.trainingLog().isPresent()
                                        ? TrainingLog.read(spec.trainingLog().get())
                                        : List.of(),
                                spec.engine()));
            }
            return new EvaluationReport(
                    dataset.name(),
                    dataset.fingerprint(),
                    dataset.size(),
                    labels,
                    reports,
                    pairedTests(predictions, gold),
                    latencyReport,
                    quality,
                    latency,
                    environment,
                    sweep,
                    seedReplicates(gold, labels));
        } finally {
            loaded.values().forEach(TextClassifier::close);
        }
    }

    /** Accuracy of every replicate, grouped by role in the order the roles were first added. */
    private List<SeedReplicates> seedReplicates(int[] gold, LabelSet labels) throws IOException {
        Map<String, List<Replicate>> byRole =
                replicates.stream()
                        .collect(
                                Collectors.groupingBy(
                                        Replicate::role, LinkedHashMap::new, Collectors.toList()));
        List<SeedReplicates> result = new ArrayList<>();
        for (Map.Entry<String, List<Replicate>> role : byRole.entrySet()) {
            List<Double> accuracies = new ArrayList<>();
            List<Double> devAccuracies = new ArrayList<>();
            for (Replicate replicate : role.getValue()) {
                accuracies.add(accuracy(replicate, gold, labels));
                devAccuracies.add(devAccuracy(replicate));
            }
            result.add(
                    new SeedReplicates(
                            role.getKey(),
                            role.getValue().stream().map(Replicate::seed).toList(),
                            accuracies,
                            devAccuracies));
        }
        return result;
    }

    /** Loads one replicate, classifies the test set with it and closes it. */
    private double accuracy(Replicate replicate, int[] gold, LabelSet labels) throws IOException {
        LOG.info("classifying with {} seed {}", replicate.role(), replicate.seed());
        try (TextClassifier classifier = replicate.loader().load()) {
            requireLabels(
                    replicate.role() + " seed " + replicate.seed(), classifier.labels(), labels);
            return Agreement.rate(quality.predict(classifier, dataset.texts()).predicted(), gold);
        }
    }

    /** The best dev accuracy in the replicate's training log; NaN without a log or validation. */
    private static double devAccuracy(Replicate replicate) throws IOException {
        return replicate.trainingLog() == null
                ? Double.NaN
                : TrainingLog.bestDevAccuracy(TrainingLog.read(replicate.trainingLog()))
                        .orElse(Double.NaN);
    }

    private MemoryUsage loadAndClassify(
            ModelSpec spec,
            List<String> texts,
            Map<String, TextClassifier> loaded,
            Map<String, Predictions> predictions)
            throws IOException {
        boolean reset = MemoryProbe.resetPeak();
        OptionalLong before = MemoryProbe.residentBytes();
        TextClassifier classifier = spec.loader().load();
        loaded.put(spec.name(), classifier);
        commonLabels(loaded); // a model whose labels differ is refused before it classifies
        OptionalLong after = MemoryProbe.residentBytes();
        predictions.put(spec.name(), quality.predict(classifier, texts));
        OptionalLong delta =
                before.isPresent() && after.isPresent()
                        ? OptionalLong.of(after.getAsLong() - before.getAsLong())
                        : OptionalLong.empty();
        return new MemoryUsage(after, delta, MemoryProbe.peakResidentBytes(), reset);
    }

    private static LabelSet commonLabels(Map<String, TextClassifier> loaded) {
        LabelSet labels = null;
        for (Map.Entry<String, TextClassifier> entry : loaded.entrySet()) {
            LabelSet own = entry.getValue().labels();
            requireLabels(entry.getKey(), own, labels == null ? own : labels);
            labels = own;
        }
        return labels;
    }

    private static void requireLabels(String model, LabelSet own, LabelSet others) {
        checkArgument(
                others.equals(own), "model '%s' has labels %s, the others %s", model, own, others);
    }

    private static Footprint footprint(
            ModelSpec spec, TextClassifier classifier, MemoryUsage memory) {
        OptionalLong parameters =
                spec.parameters().isPresent()
                        ? spec.parameters()
                        : Footprint.countParameters(classifier);
        OptionalLong disk =
                spec.modelDir()
                        .map(dir -> OptionalLong.of(Footprint.bytesOnDisk(dir)))
                        .orElse(OptionalLong.empty());
        return new Footprint(parameters, disk, memory);
    }

    private static JsonObject config(ModelSpec spec) throws IOException {
        if (spec.config().isPresent()) {
            return spec.config().get();
        }
        if (spec.modelDir().isPresent()
                && Files.isRegularFile(spec.modelDir().get().resolve(ModelDirectory.CONFIG_FILE))) {
            return ModelDirectory.readConfig(spec.modelDir().get());
        }
        return new JsonObject();
    }

    private List<PairedTest> pairedTests(Map<String, Predictions> predictions, int[] gold) {
        List<PairedTest> tests = new ArrayList<>();
        for (String[] pair : pairs) {
            tests.add(
                    new PairedTest(
                            pair[0],
                            pair[1],
                            McNemarTest.compare(
                                    predictions.get(pair[0]).correctness(gold),
                                    predictions.get(pair[1]).correctness(gold))));
        }
        return tests;
    }

    /** Every distilled student against every {@code student-hard} model. */
    private static List<String[]> defaultPairs(List<ModelSpec> models) {
        List<String[]> pairs = new ArrayList<>();
        for (ModelSpec distilled : models) {
            for (ModelSpec hard : models) {
                if (Roles.isDistilled(distilled.role()) && Roles.STUDENT_HARD.equals(hard.role())) {
                    pairs.add(new String[] {distilled.name(), hard.name()});
                }
            }
        }
        return pairs;
    }

    private record Replicate(String role, long seed, ClassifierLoader loader, Path trainingLog) {}

    /** Settings of an {@link Evaluation}. */
    public static final class Builder {
        private TextDataset dataset;
        private final List<ModelSpec> models = new ArrayList<>();
        private QualityEvaluator quality = QualityEvaluator.builder().build();
        private LatencyBenchmark latency;
        private EngineInfo engine;
        private final List<SweepPoint> sweep = new ArrayList<>();
        private final List<String[]> pairs = new ArrayList<>();
        private final List<Replicate> replicates = new ArrayList<>();

        private Builder() {}

        /** The labelled test set; required. */
        public Builder setDataset(TextDataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /** Adds a model; the report lists models in the order added. */
        public Builder addModel(ModelSpec model) {
            models.add(model);
            return this;
        }

        /** How quality is measured (default: batches of 32, B = 1000, seed 42, 15 ECE bins). */
        public Builder optQuality(QualityEvaluator quality) {
            this.quality = quality;
            return this;
        }

        /**
         * The latency protocol (default: {@link LatencyBenchmark}'s defaults on the test texts).
         */
        public Builder optLatency(LatencyBenchmark latency) {
            this.latency = latency;
            return this;
        }

        /**
         * The running engine, reported in the environment (default: {@link
         * EngineBootstrap#start()}).
         */
        public Builder optEngineInfo(EngineInfo engine) {
            this.engine = engine;
            return this;
        }

        /** A T × α sweep to draw as a heat map. */
        public Builder optSweep(List<SweepPoint> points) {
            sweep.addAll(points);
            return this;
        }

        /**
         * Adds a McNemar pair by model names; when none is added, every distilled student ({@code
         * student-kd}, {@code student-kd-aug}) is paired with every {@code student-hard} model.
         */
        public Builder optPairedTest(String modelA, String modelB) {
            pairs.add(new String[] {modelA, modelB});
            return this;
        }

        /**
         * Adds one seed replicate of a student role: a model trained like the others of its role
         * but with another seed, evaluated for accuracy only. The report gives each role's mean and
         * standard deviation over its replicates; add the role's main model here too (with its own
         * seed) to count it. With the replicate's training log, the report also sets the dev
         * accuracy of its kept checkpoint (the best validation) beside its test accuracy.
         *
         * @param trainingLog the training's JSON-lines log ({@link TrainingLog}), or null
         */
        public Builder addSeedReplicate(
                String role, long seed, ClassifierLoader loader, Path trainingLog) {
            replicates.add(new Replicate(role, seed, loader, trainingLog));
            return this;
        }

        /** The evaluation. */
        public Evaluation build() {
            return new Evaluation(this);
        }
    }
}

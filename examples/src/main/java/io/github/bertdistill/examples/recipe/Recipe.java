package io.github.bertdistill.examples.recipe;

import static io.github.bertdistill.core.config.ConfigException.require;

import io.github.bertdistill.core.config.CheckedConfig;
import io.github.bertdistill.core.config.ConfigException;
import io.github.bertdistill.core.engine.ComputeDevice;
import io.github.bertdistill.core.storage.InputLocation;
import io.github.bertdistill.distill.augment.AugmentationConfig;
import io.github.bertdistill.distill.loss.LossKind;
import io.github.bertdistill.distill.train.LearningRateSchedule;
import io.github.bertdistill.distill.train.MethodConfig;
import io.github.bertdistill.distill.train.OptimizerKind;
import io.github.bertdistill.distill.train.Schedule;
import io.github.bertdistill.distill.train.TrainerConfig;
import io.github.bertdistill.examples.pipeline.ModelFolders;
import io.github.bertdistill.examples.pipeline.StudentRole;
import io.github.bertdistill.student.init.WordVectors;
import io.github.bertdistill.student.model.TextCnnConfig;
import io.github.bertdistill.student.vocab.VocabularyKind;
import io.github.bertdistill.teacher.config.BertConfig;
import io.github.bertdistill.teacher.model.Pooling;
import io.github.bertdistill.teacher.preset.BertPreset;
import io.github.bertdistill.teacher.weights.HfCheckpoint;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One distillation experiment, end to end, as committed JSON: the data, the teacher and how it is
 * fine-tuned, the transfer-set augmentation, the student and how it is trained, and the evaluation.
 * Every published number comes from one recipe plus its seed (torchdistill's rule).
 *
 * <p>The sections hold the modules' own config types ({@link TrainerConfig}, {@link MethodConfig},
 * {@link TextCnnConfig}) and enums, so a recipe is checked whole when {@link RecipeLoader} reads it
 * — unknown keys, types, enum values, ranges, files that must exist — before any stage runs or
 * anything is written; every error names its key path.
 *
 * <p>Keys left out, at any depth, keep the defaults below: the default recipe, the one setting that
 * is checked across data sets (see "The default recipe" in {@code examples/README.md}). The teacher
 * is fine-tuned as BERT is (AdamW, 5e-5, linear decay after 10 % warm-up, Devlin et al. 2019); the
 * transfer set is the training data plus 10 augmented copies of each example (Tang et al. 2019);
 * the students start from the teacher's embeddings and train 8 epochs with patience 3; the
 * distilled ones on KL at {@code T = 1}, {@code α = 0.1}; three seeds each. The embedded fine-foods
 * run is exactly this recipe.
 */
public final class Recipe implements CheckedConfig {
    /** Names the run, its default folder ({@code runs/NAME}) and its report. */
    public String name = "fine-foods";

    /**
     * Seeds everything random: the dev split, the teacher's new head and its fine-tuning, the
     * augmentation and the students (the {@code i}-th seed of a student is {@code seed + i}).
     */
    public long seed = 42;

    /** The labelled data. */
    public Data data = new Data();

    /** The BERT teacher. */
    public Teacher teacher = new Teacher();

    /** The transfer set: training data plus augmented text. */
    public Augmentation augmentation = new Augmentation();

    /** The TextCNN students. */
    public Student student = new Student();

    /** An optional grid search over T and α for one distilled student. */
    public Sweep sweep = new Sweep();

    /** The comparison of the four models: the latency protocol of the report. */
    public Comparison evaluation = new Comparison();

    /** Where the models run. */
    public EngineSettings engine = new EngineSettings();

    @Override
    public void check() {
        require(name != null && !name.isBlank(), "name", "must not be empty");
        require(
                !name.contains("/") && !name.contains("\\") && !name.startsWith("."),
                "name",
                "names the run's folder, so it must not contain '/' or '\\\\' or start with '.',"
                        + " got \"%s\"",
                name);
        require(
                engine.reportWith != ReportEngine.ONNX_RUNTIME
                        || student.vocabulary == VocabularyKind.WORDPIECE,
                "engine.reportWith",
                "onnx-runtime runs the exported students, and only a WordPiece student's export"
                        + " carries its tokenizer (tokenizer.json): set student.vocabulary to"
                        + " wordpiece, or engine.reportWith to pytorch");
        if (engine.reportWith == ReportEngine.ONNX_RUNTIME && teacher.finetuned != null) {
            require(
                    checked(
                                    "teacher.finetuned",
                                    teacher.finetuned,
                                    "folder not found",
                                    ModelFolders::kind)
                            != ModelFolders.Kind.TORCHSCRIPT,
                    "engine.reportWith",
                    "onnx-runtime runs an exported teacher, and teacher.finetuned %s holds a"
                            + " TorchScript model, which cannot be exported: bring the teacher as"
                            + " model.onnx, or set engine.reportWith to pytorch",
                    teacher.finetuned);
        }
    }

    /** Where the data come from and how to read them. */
    public static final class Data implements CheckedConfig {
        /** What is wrong with a name {@link #isCharset} refuses, for a format call. */
        public static final String NO_CHARSET =
                "'%s' is not a character set this Java knows (e.g. UTF-8, GB18030)";

        /** How the labelled files are written. */
        public DataFormat format = DataFormat.TSV;

        /** Training file; {@code classpath:} names a resource of the jar. */
        public String train = "classpath:datasets/fine-foods/train.tsv";

        /** Development file; when absent, {@link #devFraction} of train is held out. */
        public String dev;

        /** Test file. */
        public String test = "classpath:datasets/fine-foods/test.tsv";

        /**
         * Optional file of in-domain text without labels, added to the transfer set (and augmented
         * like the training data) for the teacher to label; read in {@link #unlabelledFormat}.
         * Labels in it are ignored, and texts that also occur in train, dev or test, or are {@link
         * io.github.bertdistill.core.data.NearDuplicates near-duplicates} of theirs, are left out.
         */
        public String unlabelled;

        /**
         * Format of {@link #unlabelled}: {@code text} (one text per line), or one of {@link
         * #format}'s values, read with {@link #textColumn}; default: {@link #format}.
         */
        public DataFormat unlabelledFormat;

        /** Text column (CSV/TSV) or field (JSON Lines). */
        public String textColumn = "review";

        /** Label column (CSV/TSV) or field (JSON Lines). */
        public String labelColumn = "score";

        /** File encoding. */
        public String charset = "UTF-8";

        /** Share of train held out as the dev set when {@link #dev} is absent. */
        public double devFraction = 0.1;

        /** The format of {@link #unlabelled}. */
        public DataFormat unlabelledFormat() {
            return unlabelledFormat != null ? unlabelledFormat : format;
        }

        @Override
        public void check() {
            require(
                    format != DataFormat.TEXT,
                    "format",
                    "'text' has no labels: it is only for data.unlabelledFormat");
            requireFile("train", train);
            requireFile("test", test);
            if (dev != null) {
                requireFile("dev", dev);
            } else {
                require(
                        devFraction > 0 && devFraction < 1,
                        "devFraction",
                        "must be in (0, 1) when no dev file is given, got %s",
                        devFraction);
            }
            if (unlabelled != null) {
                requireFile("unlabelled", unlabelled);
            }
            require(textColumn != null && !textColumn.isBlank(), "textColumn", "must be set");
            require(labelColumn != null && !labelColumn.isBlank(), "labelColumn", "must be set");
            require(charset != null && isCharset(charset), "charset", NO_CHARSET, charset);
        }

        /** Whether {@code name} names a character set this Java can read. */
        public static boolean isCharset(String name) {
            try {
                return Charset.isSupported(name);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** The teacher and its fine-tuning. */
    public static final class Teacher implements CheckedConfig {
        /** A preset ({@code minilm-l6}, {@code bge-small-en}, {@code bge-small-zh}, …). */
        public String preset = "minilm-l6";

        /** A Hugging Face checkpoint folder to start from instead of the preset. */
        public String checkpoint;

        /**
         * A teacher that is already fine-tuned, used as it is: the fine-tune stage copies it into
         * the run folder instead of training. A model folder — a BERT classifier this project
         * saved, or a TorchScript export ({@code model.pt}, {@code tokenizer.json}, {@code
         * labels.json}, optionally {@code config.json} with {@code max_length}), such as a RoBERTa
         * or DeBERTa classifier traced in Python. {@code preset}, {@code checkpoint}, {@code
         * training} and {@code method} are then unused.
         */
        public String finetuned;

        /** {@code cls}, {@code mean} or {@code pooler}. */
        public Pooling pooling = Pooling.MEAN;

        /** Tokens per text. */
        public int maxLength = 64;

        /** Fine-tune on at most this many training examples (0 = all): keeps CPU runs short. */
        public int maxTrainExamples = 0;

        /** Engineering settings of fine-tuning (the seed is the recipe's). */
        public TrainerConfig training = TrainerConfig.builder().build();

        /** Method settings of fine-tuning (α = 1: supervised). */
        public MethodConfig method =
                MethodConfig.builder()
                        .optOptimizer(OptimizerKind.ADAMW)
                        .optLearningRate(5e-5f)
                        .optLearningRateSchedule(LearningRateSchedule.LINEAR_DECAY)
                        .optWarmupFraction(0.1f)
                        .optWeightDecay(0.01f)
                        .optClipNorm(1f)
                        .build();

        @Override
        public void check() {
            require(
                    maxLength >= 2,
                    "maxLength",
                    "must be >= 2 ([CLS] and [SEP]), got %s",
                    maxLength);
            if (finetuned != null) {
                ModelFolders.Kind kind =
                        checked("finetuned", finetuned, "folder not found", ModelFolders::kind);
                require(
                        kind != ModelFolders.Kind.STUDENT,
                        "finetuned",
                        "%s holds a TextCNN student, not a teacher",
                        finetuned);
            } else {
                BertConfig encoder = checkpoint == null ? presetEncoder() : checkpointEncoder();
                require(
                        maxLength <= encoder.maxPositionEmbeddings(),
                        "maxLength",
                        "must be at most the teacher's %s positions, got %s",
                        encoder.maxPositionEmbeddings(),
                        maxLength);
            }
            require(
                    maxTrainExamples >= 0,
                    "maxTrainExamples",
                    "must be >= 0, got %s",
                    maxTrainExamples);
        }

        /**
         * The preset's architecture, once the preset is known and its pooling possible. Whether its
         * jar is on this class path is the fine-tuning's concern ({@code TeacherStage}): a job that
         * labels with a teacher fine-tuned elsewhere reads the same recipe without it.
         */
        private BertConfig presetEncoder() {
            BertPreset known;
            try {
                known = BertPreset.fromId(preset);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw ConfigException.at(
                        "preset", "%s", preset == null ? "must be set" : e.getMessage());
            }
            require(
                    pooling != Pooling.POOLER || known.hasPooler(),
                    "pooling",
                    "preset %s has no pooler; use cls or mean",
                    preset);
            return known.config();
        }

        /** The checkpoint folder's architecture, once its files are there. */
        private BertConfig checkpointEncoder() {
            requireFolder("checkpoint", checkpoint);
            return checked(
                    "checkpoint", checkpoint, "folder not found", HfCheckpoint::requireComplete);
        }
    }

    /** Tang et al. (2019) augmentation of the transfer set. */
    public static final class Augmentation implements CheckedConfig {
        /** Augmented copies per training example (0 = no augmentation). */
        public int copies = 10;

        /**
         * Augmented copies per text of {@code data.unlabelled} (default: {@link #copies}).
         * In-domain text is new context already, and it can be many times the training set: 0 adds
         * it as it is and keeps the labelling in proportion.
         */
        public Integer unlabelledCopies;

        /** Probability of masking a word. */
        public double maskProbability = 0.1;

        /** Probability of replacing a word by an embedding-space neighbour. */
        public double replaceProbability = 0.1;

        /** Probability of sampling an n-gram instead of the whole text. */
        public double ngramProbability = 0.25;

        /** Longest sampled n-gram. */
        public int maxNgram = 5;

        /** Mask token: {@code [MASK]}, or {@code [UNK]} for Chinese. */
        public String maskToken = "[MASK]";

        /** Neighbours considered for replacement. */
        public int neighbours = 10;

        /**
         * Tokens (words, punctuation marks, CJK characters) a text needs to get copies; 0 copies
         * every text. With SST-2's phrases as the source, 6 leaves out the one- to five-word
         * phrases.
         */
        public int minTokens = 0;

        /**
         * Optional file whose texts are copied instead of the training examples, read like {@code
         * data.train} with its labels ignored: when the model trains on SST-2's phrases, the copies
         * come from its whole sentences. Texts of dev or test in it, and near-duplicates of them,
         * are left out.
         */
        public String source;

        /** The augmenter's settings, seeded with {@code seed}. */
        public AugmentationConfig toConfig(long seed) {
            return toConfig(seed, copies);
        }

        /** The settings of the unlabelled text's augmenter, seeded with {@code seed}. */
        public AugmentationConfig toUnlabelledConfig(long seed) {
            return toConfig(seed, unlabelledCopies());
        }

        /** {@link #unlabelledCopies}, or {@link #copies} when it is not set. */
        public int unlabelledCopies() {
            return unlabelledCopies != null ? unlabelledCopies : copies;
        }

        private AugmentationConfig toConfig(long seed, int copies) {
            return AugmentationConfig.builder()
                    .optCopies(copies)
                    .optMaskProbability(maskProbability)
                    .optReplaceProbability(replaceProbability)
                    .optNgramProbability(ngramProbability)
                    .optMaxNgram(maxNgram)
                    .optMaskToken(maskToken)
                    .optMinTokens(minTokens)
                    .optSeed(seed)
                    .build();
        }

        @Override
        public void check() {
            toConfig(0);
            require(
                    unlabelledCopies == null || unlabelledCopies >= 0,
                    "unlabelledCopies",
                    "must be >= 0, got %s",
                    unlabelledCopies);
            require(neighbours >= 1, "neighbours", "must be >= 1, got %s", neighbours);
            if (source != null) {
                requireFile("source", source);
            }
        }
    }

    /** The students and their training. */
    public static final class Student implements CheckedConfig {
        /** {@code word}, {@code wordpiece} (the teacher's) or {@code chinese-char}. */
        public VocabularyKind vocabulary = VocabularyKind.WORD;

        /** Lower-case words (word vocabulary). */
        public boolean lowerCase = true;

        /** Add character bigrams (Chinese vocabulary). */
        public boolean bigrams = false;

        /** Drop tokens seen fewer times. */
        public int minFrequency = 2;

        /** Keep at most this many tokens. */
        public int maxSize = 30000;

        /** How the embedding matrix starts. */
        public InitialEmbeddings embeddings = InitialEmbeddings.TEACHER;

        /**
         * With {@code embeddings = teacher-context}: the teacher layer whose states are pooled, 0
         * (the embedding layer's output) to the teacher's number of layers; absent, its last layer.
         */
        public Integer contextLayer;

        /**
         * With {@code embeddings = vectors}: the word-vector file (word2vec or GloVe text format,
         * {@code .gz} read as gzip), at least {@code textcnn.embeddingSize} wide.
         */
        public String wordVectors;

        /**
         * With {@code embeddings = vectors}: the standard deviation the vectors are scaled to (one
         * factor for the whole matrix), or 0 to keep the file's values. Default 0.1, about the
         * scale of the teacher's embeddings after PCA, which the students' Adam at 1e-3 was tuned
         * with; GloVe 6B's raw values (0.54) cost TREC-6's hard student three points.
         */
        public double wordVectorStd = 0.1;

        /** The TextCNN architecture. */
        public TextCnnConfig textcnn = TextCnnConfig.defaults();

        /** Engineering settings of student training (the seeds are the recipe's). */
        public TrainerConfig training =
                TrainerConfig.builder().optEpochs(8).optBatchSize(64).optPatience(3).build();

        /** Method of the undistilled student (α = 1): Adam at 1e-3, as Kim (2014)'s TextCNN. */
        public MethodConfig hardMethod =
                MethodConfig.builder().optOptimizer(OptimizerKind.ADAM).build();

        /** Method of the distilled students (T, α, loss kind, schedules): KL at T = 1, α = 0.1. */
        public MethodConfig distillMethod =
                MethodConfig.builder()
                        .optOptimizer(OptimizerKind.ADAM)
                        .optLossKind(LossKind.KL)
                        .optTemperature(Schedule.constant(1))
                        .optAlpha(Schedule.constant(0.1f))
                        .build();

        /**
         * How many times each student is trained, with consecutive seeds; the report gives each
         * role's test accuracy as mean ± sd across them (default 3).
         */
        public int seeds = 3;

        @Override
        public void check() {
            require(minFrequency >= 1, "minFrequency", "must be >= 1, got %s", minFrequency);
            require(maxSize >= 1, "maxSize", "must be >= 1, got %s", maxSize);
            require(seeds >= 1, "seeds", "must be >= 1, got %s", seeds);
            require(
                    contextLayer == null || contextLayer >= 0,
                    "contextLayer",
                    "must be >= 0, got %s",
                    contextLayer);
            require(
                    wordVectorStd >= 0,
                    "wordVectorStd",
                    "must be >= 0 (0 keeps the file's values), got %s",
                    wordVectorStd);
            if (embeddings == InitialEmbeddings.WORD_VECTORS) {
                require(
                        wordVectors != null && !wordVectors.isBlank(),
                        "wordVectors",
                        "must name a word-vector file when embeddings is vectors");
                int width =
                        checked(
                                "wordVectors",
                                wordVectors,
                                "file not found",
                                file ->
                                        WordVectors.dimensionOf(
                                                InputLocation.requireFile(
                                                        file, "word-vector file")));
                require(
                        textcnn.embeddingSize() <= width,
                        "wordVectors",
                        "holds %s-wide vectors, narrower than textcnn.embeddingSize %s: set"
                                + " embeddingSize to %s or less",
                        width,
                        textcnn.embeddingSize(),
                        width);
            } else {
                require(
                        wordVectors == null,
                        "wordVectors",
                        "is only read when embeddings is vectors: remove it, or set embeddings to"
                                + " vectors");
            }
        }
    }

    /**
     * A grid search over the distillation temperature {@code T} and the hard-label weight {@code
     * α}: every cell trains the student of {@link #role} with {@code student.distillMethod} at
     * constant {@code (T, α)} and is judged by its best dev accuracy. No sweep when either list is
     * empty (the default).
     */
    public static final class Sweep implements CheckedConfig {
        /** The student swept: {@code student-kd} or {@code student-kd-aug}. */
        public StudentRole role = StudentRole.KD;

        /** The values of {@code T}. */
        public List<Float> temperatures = new ArrayList<>();

        /** The values of {@code α}. */
        public List<Float> alphas = new ArrayList<>();

        /** Whether the recipe asks for a sweep. */
        public boolean requested() {
            return !temperatures.isEmpty() && !alphas.isEmpty();
        }

        @Override
        public void check() {
            require(
                    role.distilled(),
                    "role",
                    "must be a distilled student (student-kd or student-kd-aug), got %s",
                    role.id());
            for (int i = 0; i < temperatures.size(); i++) {
                Float t = temperatures.get(i);
                require(t != null && t > 0, "temperatures[" + i + "]", "must be > 0, got %s", t);
            }
            for (int i = 0; i < alphas.size(); i++) {
                Float a = alphas.get(i);
                require(
                        a != null && a >= 0 && a <= 1,
                        "alphas[" + i + "]",
                        "must be in [0, 1], got %s",
                        a);
            }
        }
    }

    /**
     * The compute engine's settings. They change where and how fast the run computes, not what it
     * computes, so a run folder's models stay valid when they change.
     */
    public static final class EngineSettings {
        /**
         * {@code auto} (the default: a GPU when the CUDA natives see one), {@code cpu}, {@code
         * gpu:N}.
         */
        public ComputeDevice device = ComputeDevice.AUTO;

        /**
         * What runs the fine-tuned teacher when it labels the transfer set: {@code auto} (the
         * default: ONNX Runtime on the CPU, PyTorch on a GPU), {@code pytorch} or {@code
         * onnx-runtime}. The logits' cache records it (see {@link LabellingEngine}).
         */
        public LabellingEngine labelWith = LabellingEngine.AUTO;

        /**
         * What runs the four models while the report scores and times them: {@code pytorch} (the
         * default: the folders as trained) or {@code onnx-runtime} (each exported, teacher and
         * students alike; WordPiece students only). See {@link ReportEngine}.
         */
        public ReportEngine reportWith = ReportEngine.PYTORCH;
    }

    /** The benchmark protocol of the comparison. */
    public static final class Comparison implements CheckedConfig {
        /** Warm-up rounds before measuring. */
        public int warmupRounds = 2;

        /** Measured rounds, models interleaved round by round. */
        public int rounds = 10;

        /** Test sentences timed per round at batch 1. */
        public int sentences = 50;

        @Override
        public void check() {
            require(warmupRounds >= 0, "warmupRounds", "must be >= 0, got %s", warmupRounds);
            require(rounds >= 1, "rounds", "must be >= 1, got %s", rounds);
            require(sentences >= 1, "sentences", "must be >= 1, got %s", sentences);
        }
    }

    /** Whether {@code location} names a resource inside the jar rather than a file. */
    public static boolean isClasspath(String location) {
        return location.startsWith(RecipeLoader.CLASSPATH);
    }

    private static void requireFile(String key, String location) {
        require(location != null && !location.isBlank(), key, "must be set");
        if (isClasspath(location)) {
            String resource = location.substring(RecipeLoader.CLASSPATH.length());
            require(
                    Recipe.class.getClassLoader().getResource(resource) != null,
                    key,
                    "no resource '%s' in the jar",
                    resource);
            return;
        }
        checked(
                key,
                location,
                "file not found",
                file -> InputLocation.requireFile(file, "data file"));
    }

    private static void requireFolder(String key, String location) {
        checked(
                key,
                location,
                "folder not found",
                folder -> InputLocation.requireFolder(folder, "checkpoint folder"));
    }

    /** Reads something from a path the recipe names. */
    @FunctionalInterface
    private interface PathReader<T> {
        T read(Path path) throws IOException;
    }

    /** What {@code reader} reads at {@code location}; its failures become errors of {@code key}. */
    private static <T> T checked(
            String key, String location, String notFound, PathReader<T> reader) {
        try {
            return reader.read(path(key, location));
        } catch (NoSuchFileException e) {
            throw ConfigException.at(key, "%s: %s", notFound, location);
        } catch (IOException e) {
            throw ConfigException.at(key, "%s", e.getMessage());
        }
    }

    private static Path path(String key, String location) {
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            throw ConfigException.at(key, "'%s' is not a valid path: %s", location, e.getReason());
        }
    }
}

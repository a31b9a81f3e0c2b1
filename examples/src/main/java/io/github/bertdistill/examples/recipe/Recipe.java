package io.github.bertdistill.examples.recipe;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One distillation experiment, end to end, as committed JSON: the data, the teacher and how it is
 * fine-tuned, the transfer-set augmentation, the student and how it is trained, and the evaluation.
 * Every published number comes from one recipe plus its seed (torchdistill's rule).
 *
 * <p>Read with {@link RecipeLoader}, strictly: an unknown key is an error naming its path. Keys
 * left out keep the defaults below, which are the embedded fine-foods default run. The {@code
 * training} and {@code method} objects are the distill module's {@code TrainerConfig} (without
 * {@code outputDir}, which the pipeline sets per stage) and {@code MethodConfig}.
 */
public final class Recipe {
    /** Names the run and its report. */
    public String name = "fine-foods";

    /** Seeds splits, initialisation, augmentation and training. */
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

    /** The comparison. */
    public Evaluation evaluation = new Evaluation();

    /** Where the data come from and how to read them. */
    public static final class Data {
        /** {@code tsv}, {@code csv}, {@code lines} ({@code label<space>text}) or {@code jsonl}. */
        public String format = "tsv";

        /** Training file; {@code classpath:} names a resource of the jar. */
        public String train = "classpath:datasets/fine-foods/train.tsv";

        /** Development file; when absent, {@link #devFraction} of train is held out. */
        public String dev;

        /** Test file. */
        public String test = "classpath:datasets/fine-foods/test.tsv";

        /**
         * Optional file of in-domain text without labels, added to the transfer set (and augmented
         * like the training data) for the teacher to label; read in {@link #unlabelledFormat}.
         * Labels in it are ignored, and texts that also occur in train, dev or test are left out.
         */
        public String unlabelled;

        /**
         * Format of {@link #unlabelled}: {@code text} (one text per line), or one of {@link
         * #format}'s values, read with {@link #textColumn}; default: {@link #format}.
         */
        public String unlabelledFormat;

        /** Text column (CSV/TSV) or field (JSON Lines). */
        public String textColumn = "review";

        /** Label column (CSV/TSV) or field (JSON Lines). */
        public String labelColumn = "score";

        /** File encoding. */
        public String charset = "UTF-8";

        /** Share of train held out as the dev set when {@link #dev} is absent. */
        public double devFraction = 0.1;
    }

    /** The teacher and its fine-tuning. */
    public static final class Teacher {
        /** A preset ({@code minilm-l6}, {@code bge-small-en}, {@code bge-small-zh}, …). */
        public String preset = "minilm-l6";

        /** A Hugging Face checkpoint folder to start from instead of the preset. */
        public String checkpoint;

        /** {@code cls}, {@code mean} or {@code pooler}. */
        public String pooling = "mean";

        /** Tokens per text. */
        public int maxLength = 64;

        /** Fine-tune on at most this many training examples (0 = all): keeps CPU runs short. */
        public int maxTrainExamples = 0;

        /** Engineering settings of fine-tuning. */
        public JsonObject training = new JsonObject();

        /** Method settings of fine-tuning (α = 1: supervised). */
        public JsonObject method = new JsonObject();
    }

    /** Tang et al. (2019) augmentation of the transfer set. */
    public static final class Augmentation {
        /** Augmented copies per training example (0 = no augmentation). */
        public int copies = 2;

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
    }

    /** The students and their training. */
    public static final class Student {
        /** {@code word}, {@code wordpiece} (the teacher's) or {@code chinese-char}. */
        public String vocabulary = "word";

        /** Lower-case words (word vocabulary). */
        public boolean lowerCase = true;

        /** Add character bigrams (Chinese vocabulary). */
        public boolean bigrams = false;

        /** Drop tokens seen fewer times. */
        public int minFrequency = 2;

        /** Keep at most this many tokens. */
        public int maxSize = 30000;

        /** {@code random} or {@code teacher} (teacher word embeddings, PCA to the width). */
        public String embeddings = "random";

        /** The TextCNN architecture ({@code TextCnnConfig} JSON). */
        public JsonObject textcnn = new JsonObject();

        /** Engineering settings of student training. */
        public JsonObject training = new JsonObject();

        /** Method of the undistilled student (α = 1). */
        public JsonObject hardMethod = new JsonObject();

        /** Method of the distilled students (T, α, loss kind, schedules). */
        public JsonObject distillMethod = new JsonObject();

        /**
         * How many times each student is trained, with consecutive seeds; the report gives each
         * role's test accuracy as mean ± sd across them (default 1: one student per role).
         */
        public int seeds = 1;
    }

    /**
     * A grid search over the distillation temperature {@code T} and the hard-label weight {@code
     * α}: every cell trains the student of {@link #role} with {@code student.distillMethod} at
     * constant {@code (T, α)} and is judged by its best dev accuracy. No sweep when either list is
     * empty (the default).
     */
    public static final class Sweep {
        /** The student swept: {@code student-kd} or {@code student-kd-aug}. */
        public String role = "student-kd";

        /** The values of {@code T}. */
        public List<Float> temperatures = new ArrayList<>();

        /** The values of {@code α}. */
        public List<Float> alphas = new ArrayList<>();

        /** Whether the recipe asks for a sweep. */
        public boolean requested() {
            return !temperatures.isEmpty() && !alphas.isEmpty();
        }
    }

    /** The benchmark protocol of the comparison. */
    public static final class Evaluation {
        /** Warm-up rounds before measuring. */
        public int warmupRounds = 2;

        /** Measured rounds, models interleaved round by round. */
        public int rounds = 10;

        /** Test sentences timed per round at batch 1. */
        public int sentences = 50;
    }
}

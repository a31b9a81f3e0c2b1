package io.github.bertdistill.examples.pipeline;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.storage.AtomicFiles;
import io.github.bertdistill.examples.recipe.InitialEmbeddings;
import io.github.bertdistill.examples.recipe.Recipe;
import io.github.bertdistill.examples.recipe.RecipeLoader;
import io.github.bertdistill.student.vocab.VocabularyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run folder's {@code recipe.json}: the resolved recipe its models were made with, kept true.
 *
 * <ul>
 *   <li>{@link #open} compares a command's recipe with the folder's, key by key. A changed key that
 *       a model in the folder was made with (the teacher, a student, the sweep table) is refused,
 *       naming the key, both values and the models, and saying how to retrain: a new {@code
 *       --output} folder, or {@code --retrain}, which deletes exactly those models (and the
 *       reports) so they are made again. Keys that change nothing made yet are accepted. A key that
 *       names a data file compares the file's content ({@link RecipeFiles}) where the folder keeps
 *       it: a file rewritten in place is a changed key, another path to the same content is not.
 *   <li>{@link #save} writes the file, atomically, right before a stage does work with the recipe
 *       (never for a stage that only reuses its output, and never when the recipe fails its
 *       checks), and only when its content changes.
 * </ul>
 */
public final class RunRecipe {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecipe.class);

    /** The keys every model depends on: the seed and the labelled data. */
    private static final Predicate<String> SEED_AND_DATA =
            key ->
                    key.equals("seed")
                            || (key.startsWith("data.") && !key.startsWith("data.unlabelled"));

    private final RunFolder run;
    private final String json;
    private final RecipeFiles files;

    private RunRecipe(RunFolder run, String json, RecipeFiles files) {
        this.run = run;
        this.json = json;
        this.files = files;
    }

    /**
     * The recipe of {@code run} for a command with {@code recipe}; a changed key that a model in
     * the folder was made with is refused.
     *
     * @throws IllegalArgumentException if a changed key conflicts with a model in the folder, or if
     *     the folder's recipe.json cannot be read
     */
    public static RunRecipe open(RunFolder run, Recipe recipe) throws IOException {
        return open(run, recipe, OnConflict.REFUSE, model -> false);
    }

    /**
     * The recipe of {@code run} for a command with {@code recipe} and {@code --retrain}: the models
     * a changed key invalidates (and the reports) are deleted, so that the command makes them
     * again; if one of them is not made by this command ({@code remade} is false for it), nothing
     * is deleted and the change is refused, naming the models and {@code run --retrain}, which
     * makes every one.
     *
     * @throws IllegalArgumentException if a changed key invalidates a model the command does not
     *     make, or if the folder's recipe.json cannot be read
     */
    public static RunRecipe openToRetrain(RunFolder run, Recipe recipe, Predicate<Path> remade)
            throws IOException {
        return open(run, recipe, OnConflict.RETRAIN, remade);
    }

    /**
     * The recipe of {@code run} for a command that only measures its models ({@code report}): a
     * changed key that a model was made with is refused, saying to give the run's own recipe; no
     * model is ever deleted.
     *
     * @throws IllegalArgumentException if a changed key conflicts with a model in the folder, or if
     *     the folder's recipe.json cannot be read
     */
    public static RunRecipe openToMeasure(RunFolder run, Recipe recipe) throws IOException {
        return open(run, recipe, OnConflict.REFUSE_TO_MEASURE, model -> false);
    }

    /** What a changed key that a model was made with leads to. */
    private enum OnConflict {
        /** Refused, pointing to a new folder or --retrain. */
        REFUSE,
        /** The models it invalidates (and the reports) are deleted, to be made again. */
        RETRAIN,
        /** Refused, pointing to the run's own recipe: the command only measures. */
        REFUSE_TO_MEASURE
    }

    private static RunRecipe open(
            RunFolder run, Recipe recipe, OnConflict onConflict, Predicate<Path> remade)
            throws IOException {
        Map<String, JsonElement> now = flatten(RecipeLoader.toTree(recipe));
        RunRecipe opened = new RunRecipe(run, RecipeLoader.toJson(recipe), RecipeFiles.of(now));
        if (!Files.exists(run.recipe())) {
            return opened;
        }
        Recipe before = RecipeLoader.readResolved(run.recipe());
        Map<String, JsonElement> was = flatten(RecipeLoader.toTree(before));
        RecipeFiles filesWas = RecipeFiles.read(run);
        Set<String> changed = new LinkedHashSet<>();
        for (String key : union(was.keySet(), now.keySet())) {
            String hashWas = filesWas.sha256(key);
            String hashNow = opened.files.sha256(key);
            boolean differs =
                    hashWas != null && hashNow != null
                            ? !hashWas.equals(hashNow)
                            : !Objects.equals(was.get(key), now.get(key));
            if (differs) {
                changed.add(key);
            }
        }
        if (changed.isEmpty()) {
            return opened;
        }
        List<Path> invalid = new ArrayList<>();
        String firstKey = null;
        for (Product product : products(run, before, recipe)) {
            for (String key : changed) {
                if (product.dependsOn().test(key)) {
                    invalid.addAll(product.paths());
                    firstKey = firstKey == null ? key : firstKey;
                    break;
                }
            }
        }
        if (invalid.isEmpty()) {
            LOG.info("recipe: {} changed; nothing made yet depends on it", changed);
            return opened;
        }
        String conflict =
                String.format(
                        "%s: %s, and %s %s made with it",
                        run.root(),
                        Objects.equals(was.get(firstKey), now.get(firstKey))
                                ? String.format(
                                        "the file of %s, %s, changed since (SHA-256 %s… in %s,"
                                                + " %s… now)",
                                        firstKey,
                                        shown(now.get(firstKey)),
                                        filesWas.sha256(firstKey).substring(0, 12),
                                        RecipeFiles.FILE_NAME,
                                        opened.files.sha256(firstKey).substring(0, 12))
                                : String.format(
                                        "%s is %s in %s but %s now",
                                        firstKey,
                                        shown(was.get(firstKey)),
                                        run.recipe().getFileName(),
                                        shown(now.get(firstKey))),
                        names(run, invalid),
                        invalid.size() == 1 ? "was" : "were");
        if (onConflict == OnConflict.REFUSE_TO_MEASURE) {
            throw new IllegalArgumentException(
                    conflict
                            + "; report measures the models as they were made: give the run's own"
                            + " recipe, --recipe "
                            + run.recipe()
                            + ", with --set only for evaluation.* and engine.* keys");
        }
        if (onConflict == OnConflict.REFUSE) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s; use a new --output folder, or add --retrain to delete %s and make"
                                    + " %s again",
                            conflict,
                            invalid.size() == 1 ? "it" : "them",
                            invalid.size() == 1 ? "it" : "them"));
        }
        List<Path> elsewhere = invalid.stream().filter(remade.negate()).toList();
        if (!elsewhere.isEmpty()) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s; --retrain deletes only what this command makes again, and it does"
                                    + " not make %s: use 'bert-distill run --retrain' with the same"
                                    + " --recipe and --set options, which makes every model again,"
                                    + " or a new --output folder",
                            conflict, names(run, elsewhere)));
        }
        for (Path path : invalid) {
            MoreFiles.deleteRecursively(path, RecursiveDeleteOption.ALLOW_INSECURE);
        }
        for (Path report : run.reports()) {
            MoreFiles.deleteRecursively(report, RecursiveDeleteOption.ALLOW_INSECURE);
        }
        LOG.info("retrain: {} changed; deleted {}", changed, names(run, invalid));
        return opened;
    }

    /**
     * Writes the recipe, and the hashes of the files it names ({@link RecipeFiles}), to the run
     * folder unless the files already hold them.
     */
    public void save() throws IOException {
        Path file = run.recipe();
        Files.createDirectories(run.root());
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(json)) {
            AtomicFiles.writeString(file, json);
        }
        files.save(run);
    }

    /** Something a run folder holds, and the recipe keys it was made with. */
    private record Product(List<Path> paths, Predicate<String> dependsOn) {}

    private static List<Product> products(RunFolder run, Recipe before, Recipe now)
            throws IOException {
        Predicate<String> teacher = SEED_AND_DATA.or(key -> key.startsWith("teacher."));
        boolean hardUsesTeacher = usesTeacher(before) || usesTeacher(now);
        List<Product> products = new ArrayList<>();
        // The logit cache and the stored neighbours check themselves (teacher fingerprint, text
        // hashes, search settings): a changed transfer set adds to them, and a changed teacher is
        // refused here already.
        products.add(existing(teacher, run.teacher(), run.teacherTraining()));
        products.add(
                existing(
                        teacher.or(key -> key.startsWith("augmentation.source"))
                                .or(key -> key.equals("student.contextLayer")),
                        run.teacherContext()));
        Path students = run.root().resolve("students");
        if (Files.isDirectory(students)) {
            try (Stream<Path> folders = Files.list(students)) {
                for (Path folder : folders.sorted().toList()) {
                    RunFolder.studentRole(folder)
                            .ifPresent(
                                    role ->
                                            products.add(
                                                    new Product(
                                                            List.of(folder),
                                                            student(
                                                                    role,
                                                                    hardUsesTeacher,
                                                                    teacher))));
                }
            }
        }
        Predicate<String> sweep =
                student(before.sweep.role, hardUsesTeacher, teacher)
                        .or(student(now.sweep.role, hardUsesTeacher, teacher))
                        .or(key -> key.startsWith("sweep."));
        products.add(existing(sweep, run.sweep()));
        return products.stream().filter(p -> !p.paths().isEmpty()).toList();
    }

    private static Predicate<String> student(
            StudentRole role, boolean hardUsesTeacher, Predicate<String> teacher) {
        Predicate<String> own =
                key ->
                        key.startsWith("student.")
                                && !key.equals("student.seeds")
                                && !key.startsWith(
                                        role.distilled()
                                                ? "student.hardMethod."
                                                : "student.distillMethod.");
        Predicate<String> depends = own.or(SEED_AND_DATA);
        if (role.distilled() || hardUsesTeacher) {
            depends = depends.or(teacher);
        }
        if (role == StudentRole.KD_AUG) {
            depends =
                    depends.or(
                            key ->
                                    key.startsWith("augmentation.")
                                            || key.startsWith("data.unlabelled"));
        }
        return depends;
    }

    private static boolean usesTeacher(Recipe recipe) {
        return recipe.student.vocabulary == VocabularyKind.WORDPIECE
                || recipe.student.embeddings == InitialEmbeddings.TEACHER
                || recipe.student.embeddings == InitialEmbeddings.TEACHER_CONTEXT;
    }

    private static Product existing(Predicate<String> dependsOn, Path... paths) {
        return new Product(Stream.of(paths).filter(Files::exists).toList(), dependsOn);
    }

    private static String names(RunFolder run, List<Path> paths) {
        List<String> names = paths.stream().map(p -> run.root().relativize(p).toString()).toList();
        return names.size() <= 4
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    private static String shown(JsonElement value) {
        return value == null ? "absent" : value.toString();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Every leaf of {@code json} by key path; lists are leaves. */
    private static Map<String, JsonElement> flatten(JsonObject json) {
        Map<String, JsonElement> leaves = new TreeMap<>();
        flatten(json, "", leaves);
        return leaves;
    }

    private static void flatten(JsonObject json, String prefix, Map<String, JsonElement> leaves) {
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue().isJsonObject()) {
                flatten(entry.getValue().getAsJsonObject(), key + ".", leaves);
            } else {
                leaves.put(key, entry.getValue());
            }
        }
    }
}

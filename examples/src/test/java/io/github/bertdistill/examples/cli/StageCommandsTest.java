package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.distill.cache.TeacherLogitCache;
import io.github.bertdistill.examples.testing.TinyRun;
import io.github.bertdistill.student.model.TextCnnClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe's stages as separate commands, in order and out of order, on a tiny recipe. */
class StageCommandsTest {
    @TempDir Path folder;

    @Test
    void stagesRunOneAtATimeAndSayWhichStageIsMissing() throws Exception {
        String recipe = TinyRun.recipe(folder).toString();
        Path run = folder.resolve("run");
        String[] options = {"--recipe", recipe, "--output", run.toString()};

        CliResult early = CliResult.run(concat("label", options));
        assertEquals(2, early.exitCode(), early.toString());
        assertEquals(
                "bert-distill: no fine-tuned teacher in "
                        + run.resolve("teacher")
                        + ": run 'bert-distill finetune --recipe "
                        + recipe
                        + " --output "
                        + run
                        + "' first",
                early.err().strip());

        assertEquals(0, CliResult.run(concat("finetune", options)).exitCode());
        assertTrue(Files.isRegularFile(run.resolve("teacher/model.safetensors")));

        CliResult unlabelled = CliResult.run(concat("distill", options));
        assertEquals(2, unlabelled.exitCode(), unlabelled.toString());
        assertEquals(
                "bert-distill: no teacher logits in "
                        + run.resolve("logits")
                        + ": run 'bert-distill label --recipe "
                        + recipe
                        + " --output "
                        + run
                        + "' first",
                unlabelled.err().strip());

        assertEquals(0, CliResult.run(concat("label", options)).exitCode());
        Path neighbours = run.resolve("neighbours.tsv");
        String searched = Files.readString(neighbours);
        assertTrue(searched.startsWith("# teacher "), searched);
        FileTime written = Files.getLastModifiedTime(neighbours);
        assertEquals(0, CliResult.run(concat("train", options)).exitCode());
        String averaged = "student.distillMethod.averagingEpochs=0.5";
        CliResult distilled =
                CliResult.run(
                        concat("distill", options, "--role", "student-kd", "--set", averaged));
        // From here on the run folder's recipe has the average: every command says so.
        options =
                concat(
                        "--recipe",
                        new String[] {recipe, "--output", run.toString()},
                        "--set",
                        averaged);
        assertEquals(0, distilled.exitCode(), distilled.toString());
        assertEquals("student: " + run.resolve("students/student-kd"), distilled.out().strip());
        assertTrue(hasWeightAverage(run.resolve("students/student-kd-training")));
        assertFalse(hasWeightAverage(run.resolve("students/student-hard-training")));
        assertTrue(Files.isDirectory(run.resolve("students/student-hard")));
        assertTrue(Files.notExists(run.resolve("students/student-kd-aug")));
        assertEquals(
                searched, Files.readString(neighbours), "the neighbours are read, not searched");
        assertEquals(written, Files.getLastModifiedTime(neighbours));

        CliResult unfinished = CliResult.run(concat("report", options));
        assertEquals(2, unfinished.exitCode(), unfinished.toString());
        assertEquals(
                "bert-distill: no student-kd-aug student in "
                        + run.resolve("students/student-kd-aug")
                        + ": run 'bert-distill distill --recipe "
                        + recipe
                        + " --set "
                        + averaged
                        + " --output "
                        + run
                        + "' first",
                unfinished.err().strip());
        assertEquals(0, CliResult.run(concat("distill", options)).exitCode());
        CliResult report = CliResult.run(concat("report", options));
        assertEquals(0, report.exitCode(), report.toString());
        assertEquals("report: " + run.resolve("report/report.html"), report.out().strip());
        assertTrue(Files.isRegularFile(run.resolve("report/report.html")));

        CliResult wrongRole = CliResult.run(concat("distill", options, "--role", "student-hard"));
        assertEquals(2, wrongRole.exitCode(), wrongRole.toString());
        assertTrue(wrongRole.err().contains("'bert-distill train'"), wrongRole.err());

        // A teacher brought from elsewhere (no recipe.json beside it) meets data with other labels.
        Path other = folder.resolve("other");
        Files.createDirectories(other);
        copyFolder(run.resolve("teacher"), other.resolve("teacher"));
        options = new String[] {"--recipe", recipe, "--output", other.toString()};
        Path relabelled = folder.resolve("relabelled.tsv");
        Files.writeString(
                relabelled,
                Files.readString(folder.resolve("train.tsv"))
                        .replace("\tgreat", "\tpos")
                        .replace("\tother", "\tneg"));
        String data = "data.train=" + relabelled;
        String test = "data.test=" + relabelled;
        CliResult mismatch = CliResult.run(concat("label", options, "--set", data, "--set", test));
        assertEquals(2, mismatch.exitCode(), mismatch.toString());
        assertEquals(
                "bert-distill: the model "
                        + other.resolve("teacher")
                        + " has labels [great, other] but the data "
                        + relabelled
                        + " has labels [neg, pos]: use a model trained on these labels, or data"
                        + " labelled like the model",
                mismatch.err().strip());
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    /** Whether the last checkpoint of a student's training folder holds a weight average. */
    private static boolean hasWeightAverage(Path training) throws Exception {
        Path checkpoints = training.resolve("checkpoints");
        String latest = Files.readString(checkpoints.resolve("LATEST")).strip();
        return Files.isRegularFile(checkpoints.resolve(latest).resolve("average.bin"));
    }

    @Test
    void unlabelledTextJoinsTheTransferSetAndOnlyItsTextsAreLabelled() throws Exception {
        String recipe = TinyRun.recipe(folder).toString();
        Path run = folder.resolve("run");
        String[] options = {"--recipe", recipe, "--output", run.toString()};
        assertEquals(0, CliResult.run(concat("finetune", options)).exitCode());
        assertEquals(0, CliResult.run(concat("label", options)).exitCode());
        Path logits = run.resolve("logits");
        int labelled = TeacherLogitCache.open(logits).size();
        FileTime firstChunk = Files.getLastModifiedTime(logits.resolve("chunk-00000.bin"));
        Path more = folder.resolve("more.tsv");
        // No label column; the second text is also a training text.
        Files.writeString(more, "text\nthe menu was long\nthe food was good great\n");
        String unlabelled = "data.unlabelled=" + more;

        CliResult relabel = CliResult.run(concat("label", options, "--set", unlabelled));
        assertEquals(0, relabel.exitCode(), relabel.toString());
        TeacherLogitCache cache = TeacherLogitCache.open(logits);
        assertTrue(cache.contains("unlabelled/more.tsv:2"));
        assertFalse(cache.contains("unlabelled/more.tsv:3"), "a training text is not added twice");
        assertTrue(cache.size() > labelled, cache.size() + " records");
        assertEquals(firstChunk, Files.getLastModifiedTime(logits.resolve("chunk-00000.bin")));

        CliResult distilled = CliResult.run(concat("distill", options, "--set", unlabelled));
        assertEquals(0, distilled.exitCode(), distilled.toString());
        String metrics =
                Files.readString(run.resolve("students/student-kd-aug-training/metrics.jsonl"));
        assertTrue(
                metrics.contains("\"event\":\"epoch\",\"epoch\":1,")
                        && metrics.contains("\"examples\":" + cache.size() + "}"),
                "student-kd-aug trains on the whole transfer set of " + cache.size());
    }

    @Test
    void featureMatchingHasTheTeacherWriteItsVectorsAndTrainsAStudentThatLoadsAlone()
            throws Exception {
        String recipe = TinyRun.recipe(folder).toString();
        Path run = folder.resolve("run");
        String[] options = {"--recipe", recipe, "--output", run.toString()};
        assertEquals(0, CliResult.run(concat("finetune", options)).exitCode());
        assertEquals(0, CliResult.run(concat("label", options)).exitCode());
        assertTrue(Files.notExists(run.resolve("features")), "no features unless asked for");
        Path logits = run.resolve("logits");
        FileTime logitsWritten = Files.getLastModifiedTime(logits.resolve("manifest.json"));
        String[] matched =
                concat(
                        "--recipe",
                        new String[] {recipe, "--output", run.toString()},
                        "--set",
                        "student.distillMethod.featureWeight=2");

        CliResult unlabelled = CliResult.run(concat("distill", matched));
        assertEquals(2, unlabelled.exitCode(), unlabelled.toString());
        assertEquals(
                "bert-distill: no teacher feature vectors for the whole transfer set (the recipe"
                        + " sets student.distillMethod.featureWeight > 0) in "
                        + run.resolve("features")
                        + ": run 'bert-distill label --recipe "
                        + recipe
                        + " --set student.distillMethod.featureWeight=2 --output "
                        + run
                        + "' first",
                unlabelled.err().strip());

        CliResult labelled = CliResult.run(concat("label", matched));
        assertEquals(0, labelled.exitCode(), labelled.toString());
        assertTrue(
                labelled.out().strip().endsWith("; teacher features: " + run.resolve("features")),
                labelled.out());
        TeacherLogitCache vectors = TeacherLogitCache.open(run.resolve("features"));
        assertEquals(TeacherLogitCache.open(logits).size(), vectors.size());
        assertEquals(TinyRun.HIDDEN_SIZE, vectors.labels().size());
        assertEquals(
                logitsWritten,
                Files.getLastModifiedTime(logits.resolve("manifest.json")),
                "the logits are not labelled again");

        CliResult distilled = CliResult.run(concat("distill", matched));
        assertEquals(0, distilled.exitCode(), distilled.toString());
        // The projection onto the teacher's features is training-only: the student loads alone.
        try (TextCnnClassifier student =
                TextCnnClassifier.load(run.resolve("students/student-kd-aug"))) {
            assertEquals(TinyRun.LABELS, student.labels());
        }
    }

    @Test
    void aBadRowOfTheUnlabelledTextStopsANewRunBeforeTheTeacher() throws Exception {
        Path run = folder.resolve("new-run");
        Path more = folder.resolve("more.txt");
        Files.writeString(more, "a fine text\n\nafter a blank line\n");

        CliResult refused =
                CliResult.run(
                        concat(
                                "finetune",
                                TinyRun.options(
                                        folder,
                                        run,
                                        "data.unlabelled=" + more,
                                        "data.unlabelledFormat=text")));

        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.errorLine().startsWith("bert-distill: " + more + ":2"), refused.err());
        assertFalse(Files.exists(run), "a new run folder that fails its checks is removed");
    }

    /**
     * Fine-tunes and labels the tiny recipe without copies of its training rows, with {@code
     * unlabelled} as {@code data.unlabelled} (one text a line) and the {@code --set} overrides
     * {@code sets}; returns the run folder's logit cache.
     */
    private TeacherLogitCache labelWithUnlabelledText(String unlabelled, String... sets)
            throws IOException {
        Path run = folder.resolve("run");
        Path more = folder.resolve("more.txt");
        Files.writeString(more, unlabelled);
        List<String> options =
                new ArrayList<>(
                        List.of(
                                "--recipe",
                                TinyRun.recipe(folder).toString(),
                                "--output",
                                run.toString(),
                                "--set",
                                "augmentation.copies=0",
                                "--set",
                                "data.unlabelled=" + more,
                                "--set",
                                "data.unlabelledFormat=text"));
        for (String set : sets) {
            options.addAll(List.of("--set", set));
        }
        String[] args = options.toArray(String[]::new);
        assertEquals(0, CliResult.run(concat("finetune", args)).exitCode());
        CliResult labelled = CliResult.run(concat("label", args));
        assertEquals(0, labelled.exitCode(), labelled.toString());
        return TeacherLogitCache.open(run.resolve("logits"));
    }

    @Test
    void withoutCopiesTheTransferSetIsTheTrainingDataAndTheUnlabelledText() throws Exception {
        TeacherLogitCache cache =
                labelWithUnlabelledText("the menu was long\nthe food was good great\n");

        // The tiny recipe holds out a quarter of its 24 rows as dev: 18 training rows remain.
        assertEquals(18 + 1, cache.size());
        assertTrue(cache.contains("unlabelled/more.txt:1"));
        assertTrue(
                Files.notExists(folder.resolve("run").resolve("neighbours.tsv")),
                "no neighbour search");
    }

    @Test
    void unlabelledCopiesSetsTheCopiesOfTheUnlabelledTextAlone() throws Exception {
        TeacherLogitCache cache =
                labelWithUnlabelledText(
                        "the menu was long and the room was cold\n",
                        "augmentation.unlabelledCopies=2");

        // 18 training rows without copies, the unlabelled text and its 2 copies.
        assertEquals(18 + 1 + 2, cache.size());
        assertTrue(cache.contains("unlabelled/more.txt:1#aug0"));
        assertTrue(cache.contains("unlabelled/more.txt:1#aug1"));
    }

    @Test
    void minTokensLeavesTheShorterTextsWithoutCopies() throws Exception {
        TeacherLogitCache cache =
                labelWithUnlabelledText(
                        "cold room\nthe menu was long and the room was cold\n",
                        "augmentation.unlabelledCopies=2",
                        "augmentation.minTokens=3");

        // 18 training rows, both unlabelled texts, and copies of the nine-word one alone
        assertEquals(18 + 2 + 2, cache.size());
        assertTrue(cache.contains("unlabelled/more.txt:1"));
        assertFalse(cache.contains("unlabelled/more.txt:1#aug0"));
        assertTrue(cache.contains("unlabelled/more.txt:2#aug1"));
    }

    static String[] concat(String command, String[] options, String... more) {
        String[] args = new String[1 + options.length + more.length];
        args[0] = command;
        System.arraycopy(options, 0, args, 1, options.length);
        System.arraycopy(more, 0, args, 1 + options.length, more.length);
        return args;
    }
}

package io.github.bertdistill.examples.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.examples.testing.TinyRun;
import io.github.bertdistill.teacher.preset.BertPreset;
import io.github.bertdistill.teacher.tokenizer.BertTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the root README's Java examples honest: every {@code ```java} block of the README is the
 * body of a {@link ReadmeExamples} method and every method is in the README (compared without
 * whitespace), and every method runs.
 */
class ReadmeExamplesTest {
    private static final Path README = Path.of("../README.md");
    private static final Path SOURCE =
            Path.of("src/test/java/io/github/bertdistill/examples/readme/ReadmeExamples.java");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");
    private static final Pattern METHOD =
            Pattern.compile("static void (\\w+)\\([^)]*\\)\\s*(?:throws [\\w, ]+)?\\{");

    @TempDir Path folder;

    @Test
    void theReadmeShowsExactlyTheExamplesThatRun() throws IOException {
        Map<String, String> methods = methodBodies(Files.readString(SOURCE));
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher block = JAVA_BLOCK.matcher(Files.readString(README));
        while (block.find()) {
            blocks.put(squeeze(block.group(1)), block.group(1));
        }
        for (Map.Entry<String, String> method : methods.entrySet()) {
            assertTrue(
                    blocks.containsKey(method.getValue()),
                    "README.md lacks (or has changed) the example ReadmeExamples."
                            + method.getKey());
        }
        for (Map.Entry<String, String> readme : blocks.entrySet()) {
            assertTrue(
                    methods.containsValue(readme.getKey()),
                    "this README.md example is not a ReadmeExamples method:\n" + readme.getValue());
        }
        assertEquals(methods.size(), blocks.size());
    }

    @Test
    void coreExampleRuns() throws Exception {
        ReadmeExamples.core(folder);
    }

    @Test
    void teacherExampleRuns() throws Exception {
        ReadmeExamples.teacherBert();
    }

    @Test
    void teacherFineTuningExampleRuns() throws Exception {
        ReadmeExamples.teacherFineTuning(folder);
        assertTrue(Files.isRegularFile(folder.resolve("teacher/model.safetensors")));
    }

    @Test
    void studentExampleRuns() throws Exception {
        ReadmeExamples.studentTextCnn(folder);
        assertTrue(Files.isDirectory(folder.resolve("student")));
    }

    @Test
    void distillExampleRuns() throws Exception {
        ReadmeExamples.distill(folder);
    }

    @Test
    void evalExampleRuns() throws Exception {
        Path student = TinyRun.student(folder.resolve("student"), TinyRun.LABELS);
        ReadmeExamples.eval(student, TinyRun.data(folder.resolve("test.tsv"), 6), folder);
        assertTrue(Files.isRegularFile(folder.resolve("report/report.html")));
    }

    @Test
    void examplesExampleRuns() throws Exception {
        ReadmeExamples.examples(TinyRun.recipe(folder), folder.resolve("run"));
        assertTrue(Files.isRegularFile(folder.resolve("run/report/report.json")));
    }

    @Test
    void onnxTeacherExampleRuns() throws Exception {
        Path onnx = folder.resolve("model.onnx");
        try (InputStream in =
                BertPreset.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            Files.copy(in, onnx);
        }
        Path config =
                Files.writeString(
                        folder.resolve("config.json"),
                        BertPreset.MINILM_L6.config().toJson().toString(),
                        StandardCharsets.UTF_8);
        Path tokenizer = folder.resolve("tokenizer.json");
        try (BertTokenizer preset = BertPreset.MINILM_L6.tokenizer(64)) {
            Files.write(tokenizer, preset.toJson());
        }
        ReadmeExamples.onnxTeacher(onnx, config, tokenizer, folder.resolve("my-bert"));
    }

    /** Method name → body without whitespace. */
    private static Map<String, String> methodBodies(String source) {
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher method = METHOD.matcher(source);
        while (method.find()) {
            int depth = 1;
            int end = method.end();
            while (depth > 0) {
                char c = source.charAt(end++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            bodies.put(method.group(1), squeeze(source.substring(method.end(), end - 1)));
        }
        return bodies;
    }

    private static String squeeze(String code) {
        return code.replaceAll("\\s+", "");
    }
}

package io.github.bertdistill.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bertdistill.examples.testing.TinyRun;
import io.github.bertdistill.student.model.TextCnnClassifier;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code student.textcnn.lstmSize} (and {@code attentionSize}): a recipe key is all it takes to
 * train a student with an LSTM layer (and attention pooling) through the pipeline; the saved
 * student holds it, answers {@code predict}, and exports to ONNX (whose agreement with the block is
 * {@code TextCnnOnnxGraphTest}'s).
 */
class LstmStudentTest {
    @TempDir Path folder;

    @ParameterizedTest(name = "attentionSize {0}")
    @ValueSource(ints = {0, 5})
    void aRecipeKeyGivesAStudentWithAnLstmThatPredictsAndExports(int attentionSize)
            throws Exception {
        Path run = folder.resolve("run");
        String[] options =
                TinyRun.options(
                        folder,
                        run,
                        "student.textcnn={\"embeddingSize\": 8, \"kernelWidths\": [1, 2],"
                                + " \"filtersPerWidth\": 4, \"maxLength\": 16, \"lstmSize\": 3,"
                                + " \"attentionSize\": "
                                + attentionSize
                                + "}");
        CliResult train = CliResult.run(StageCommandsTest.concat("train", options));
        assertEquals(0, train.exitCode(), train.toString());
        Path student = run.resolve("students/student-hard");
        try (TextCnnClassifier loaded = TextCnnClassifier.load(student)) {
            assertEquals(3, loaded.config().lstmSize());
            assertEquals(8 + 2 * 3, loaded.block().channels());
            assertTrue(
                    loaded.block().namedParameters().containsKey("lstm.weight_hh_l0_reverse"),
                    loaded.block().namedParameters().keySet().toString());
            assertEquals(attentionSize, loaded.config().attentionSize());
            assertEquals(2 * 4 + (attentionSize > 0 ? 8 + 2 * 3 : 0), loaded.featureSize());
        }
        CliResult predict = CliResult.run("predict", "--model", student.toString(), "tasty food");
        assertEquals(0, predict.exitCode(), predict.toString());
        assertTrue(predict.out().contains("\"label\""), predict.out());

        Path exported = folder.resolve("student-onnx");
        CliResult export = ExportCommandTest.exportOnnx(student, exported);
        assertEquals(0, export.exitCode(), export.toString());
        assertTrue(Files.size(exported.resolve("model.onnx")) > 0);
    }
}

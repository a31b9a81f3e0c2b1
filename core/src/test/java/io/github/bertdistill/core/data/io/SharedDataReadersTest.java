package io.github.bertdistill.core.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reads the real benchmark files in {@code shared/data} (outside the project, never copied into
 * it). The folder is found by walking up from the working directory. Tagged {@code benchmark-data}:
 * the default build leaves it out, and the {@code benchmark-data} profile ({@code mvn -B verify
 * -Pbenchmark-data}) runs it, where a missing folder fails rather than skips.
 */
@Tag("benchmark-data")
class SharedDataReadersTest {
    private static Path data;

    @BeforeAll
    static void findSharedData() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                data = candidate;
                return;
            }
        }
        fail(
                "no shared/data folder found in "
                        + start
                        + " or any folder above it: the benchmark-data profile needs the"
                        + " benchmark data sets beside the checkout");
    }

    private static ReadResult read(DatasetReader reader, String file) throws Exception {
        ReadResult result = reader.read(data.resolve(file));
        assertEquals(0, result.report().rowsSkipped(), file);
        return result;
    }

    @Test
    void sst2Dev() throws Exception {
        TextDataset dataset = read(LabelledLinesReader.create(), "sst2/dev.txt").dataset();

        assertEquals(872, dataset.size());
        assertEquals(LabelSet.of("0", "1"), dataset.inferLabelSet());
    }

    @Test
    void chnSentiCorpDev() throws Exception {
        TextDataset dataset =
                read(DelimitedReader.csv("review").optLabelColumn("label"), "chnsenticorp/dev.csv")
                        .dataset();

        assertEquals(776, dataset.size());
        assertEquals(LabelSet.of("0", "1"), dataset.inferLabelSet());
        assertEquals("dev.csv:2", dataset.get(0).id());
    }

    @Test
    void fineFoodsTest() throws Exception {
        TextDataset dataset =
                read(DelimitedReader.tsv("review").optLabelColumn("score"), "fine-foods/test.tsv")
                        .dataset();

        assertEquals(1000, dataset.size());
        assertEquals(LabelSet.of("great", "other"), dataset.inferLabelSet());
    }

    @Test
    void onlineShoppingDevByCategory() throws Exception {
        TextDataset dataset =
                read(DelimitedReader.csv("review").optLabelColumn("cat"), "online-shopping/dev.csv")
                        .dataset();

        assertEquals(6274, dataset.size());
        assertEquals(10, dataset.inferLabelSet().size());
    }
}

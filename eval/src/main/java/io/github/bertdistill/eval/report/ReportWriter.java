package io.github.bertdistill.eval.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code report.json}, {@code report.md} and {@code report.html} into one folder. All three
 * are rendered before anything is written, and each file is written atomically, so a failure never
 * leaves a half-written report. A report never replaces another: when the folder holds one already,
 * its three files are first moved to a sibling folder named by the earlier report's time ({@code
 * report/} → {@code report-20261207T162733Z/}), so every measurement made stays readable.
 */
public final class ReportWriter {
    /** Every number, the settings and the environment. */
    public static final String JSON_FILE = "report.json";

    /** The tables. */
    public static final String MARKDOWN_FILE = "report.md";

    /** The self-contained page with the charts. */
    public static final String HTML_FILE = "report.html";

    private static final Gson PRETTY =
            new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    /** The time of a kept report in its folder's name, UTC to the second. */
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ReportWriter() {}

    /**
     * Writes the three files of {@code report} into {@code folder}, creating it if needed.
     *
     * @return the folder
     */
    public static Path write(EvaluationReport report, Path folder) throws IOException {
        JsonObject json = ReportJson.of(report);
        String jsonText = PRETTY.toJson(json) + "\n";
        String markdown = MarkdownReport.render(report);
        String html = HtmlReport.render(json);
        keepEarlier(folder);
        AtomicFiles.writeString(folder.resolve(JSON_FILE), jsonText);
        AtomicFiles.writeString(folder.resolve(MARKDOWN_FILE), markdown);
        AtomicFiles.writeString(folder.resolve(HTML_FILE), html);
        return folder;
    }

    /** Moves the files of a report in {@code folder} to a sibling named by that report's time. */
    private static void keepEarlier(Path folder) throws IOException {
        Path earlier = folder.resolve(JSON_FILE);
        if (!Files.isRegularFile(earlier)) {
            return;
        }
        String stamp = STAMP.format(Files.getLastModifiedTime(earlier).toInstant());
        Path kept = folder.resolveSibling(folder.getFileName() + "-" + stamp);
        for (int n = 2; Files.exists(kept); n++) {
            kept = folder.resolveSibling(folder.getFileName() + "-" + stamp + "-" + n);
        }
        Files.createDirectories(kept);
        for (String name : List.of(JSON_FILE, MARKDOWN_FILE, HTML_FILE)) {
            if (Files.exists(folder.resolve(name))) {
                Files.move(
                        folder.resolve(name), kept.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        LOG.info("report: the earlier report in {} is kept in {}", folder, kept);
    }
}

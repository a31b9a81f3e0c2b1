package io.github.bertdistill.eval.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code report.json}, {@code report.md} and {@code report.html} into one folder. All three
 * are rendered before anything is written, and each file is replaced atomically, so a failure never
 * leaves a half-written report.
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
        AtomicFiles.writeString(folder.resolve(JSON_FILE), jsonText);
        AtomicFiles.writeString(folder.resolve(MARKDOWN_FILE), markdown);
        AtomicFiles.writeString(folder.resolve(HTML_FILE), html);
        return folder;
    }
}

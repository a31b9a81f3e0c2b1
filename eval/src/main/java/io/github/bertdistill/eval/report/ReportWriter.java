package io.github.bertdistill.eval.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code report.json}, {@code report.md} and {@code report.html} into one folder. */
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
        Files.createDirectories(folder);
        JsonObject json = ReportJson.of(report);
        Files.writeString(folder.resolve(JSON_FILE), PRETTY.toJson(json) + "\n", UTF_8);
        Files.writeString(folder.resolve(MARKDOWN_FILE), MarkdownReport.render(report), UTF_8);
        Files.writeString(folder.resolve(HTML_FILE), HtmlReport.render(json), UTF_8);
        return folder;
    }
}

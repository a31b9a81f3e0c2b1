package io.github.bertdistill.eval.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The content of {@code report.html}: a single self-contained page that needs no network to view.
 *
 * <p>The page is {@code report-template.html} with two things inlined: the ECharts library ({@code
 * echarts.min.js} from the {@code org.webjars.npm:echarts} jar on the class path) and the report's
 * JSON (the same tree as {@code report.json}, HTML-escaped so that it cannot end its script tag).
 * The template's script draws the tables and the charts from that JSON in the browser: accuracy
 * against latency (log axis), throughput, per-class F1, one confusion-matrix heat map per model,
 * training curves and the T × α heat map.
 */
public final class HtmlReport {
    /** The webjar's Maven metadata, which names its version (and so the bundle's folder). */
    private static final String ECHARTS_POM_PROPERTIES =
            "META-INF/maven/org.webjars.npm/echarts/pom.properties";

    private static final String TEMPLATE_RESOURCE =
            "io/github/bertdistill/eval/report/report-template.html";
    private static final Gson HTML_SAFE = new GsonBuilder().serializeNulls().create();

    private HtmlReport() {}

    /** The HTML page of the report whose JSON is {@code json}. */
    public static String render(JsonObject json) {
        String template = resource(TEMPLATE_RESOURCE);
        return template.replace("/*__ECHARTS__*/", resource(echartsBundle()))
                .replace("/*__REPORT__*/", HTML_SAFE.toJson(json));
    }

    /** {@code echarts.min.js} of whichever ECharts webjar version is on the class path. */
    private static String echartsBundle() {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(resource(ECHARTS_POM_PROPERTIES)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ECHARTS_POM_PROPERTIES, e);
        }
        return "META-INF/resources/webjars/echarts/"
                + properties.getProperty("version")
                + "/dist/echarts.min.js";
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}

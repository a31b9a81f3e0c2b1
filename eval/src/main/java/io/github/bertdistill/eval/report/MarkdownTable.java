package io.github.bertdistill.eval.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table: a header row, then rows of cells. */
final class MarkdownTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    MarkdownTable(String... header) {
        this(List.of(header));
    }

    /** Adds a row; it must have as many cells as the header. */
    MarkdownTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(
                    "row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** Adds a row of these cells. */
    MarkdownTable row(String... cells) {
        return row(List.of(cells));
    }

    /** The table, ending with a blank line. */
    String render() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        out.append('|').append("---|".repeat(header.size())).append('\n');
        rows.forEach(row -> line(out, row));
        return out.append('\n').toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        out.append('\n');
    }
}

package io.github.bertdistill.distill.train;

import static com.google.common.base.Preconditions.checkArgument;

import io.github.bertdistill.core.storage.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A grid search over the temperature {@code T} and the hard-label weight {@code α}: one complete
 * run per cell, and a table of the best dev accuracy of each.
 *
 * <p>The sweep does not know how a run is built: a {@link Cell} function trains a fresh student for
 * one {@code (T, α)} (typically with {@link MethodConfig#withConstant} and a per-cell output
 * folder) and returns its {@link TrainerResult}. The table is written as {@code sweep.md} (rows =
 * {@code T}, columns = {@code α}) and {@code sweep.csv} ({@code temperature,alpha,
 * dev_accuracy,best_step}).
 */
public final class TemperatureAlphaSweep {
    /** The Markdown table's file name. */
    public static final String MARKDOWN_FILE = "sweep.md";

    /** The CSV table's file name. */
    public static final String CSV_FILE = "sweep.csv";

    private static final String CSV_HEADER = "temperature,alpha,dev_accuracy,best_step";

    private final List<Float> temperatures;
    private final List<Float> alphas;

    /** Trains one cell of the grid. */
    @FunctionalInterface
    public interface Cell {
        /** A complete run at constant {@code temperature} and {@code alpha}. */
        TrainerResult train(float temperature, float alpha) throws IOException;
    }

    /**
     * @param temperatures the values of {@code T} (> 0)
     * @param alphas the values of {@code α} (in [0, 1])
     */
    public TemperatureAlphaSweep(List<Float> temperatures, List<Float> alphas) {
        checkArgument(!temperatures.isEmpty() && !alphas.isEmpty(), "the grid must not be empty");
        this.temperatures = List.copyOf(temperatures);
        this.alphas = List.copyOf(alphas);
    }

    /** Runs every cell, in row order, and writes the table into {@code folder}. */
    public Table run(Cell cell, Path folder) throws IOException {
        TrainerResult[][] results = new TrainerResult[temperatures.size()][alphas.size()];
        for (int t = 0; t < temperatures.size(); t++) {
            for (int a = 0; a < alphas.size(); a++) {
                results[t][a] = cell.train(temperatures.get(t), alphas.get(a));
            }
        }
        Table table = new Table(temperatures, alphas, results);
        AtomicFiles.writeString(folder.resolve(MARKDOWN_FILE), table.toMarkdown());
        AtomicFiles.writeString(folder.resolve(CSV_FILE), table.toCsv());
        return table;
    }

    /** One cell of a written table, as {@link Table#toCsv} wrote it. */
    public record CellResult(float temperature, float alpha, double devAccuracy, long bestStep) {}

    /**
     * The cells of the table that {@link #run} wrote into {@code folder}, in row order; none when
     * the folder holds no table.
     */
    public static List<CellResult> read(Path folder) throws IOException {
        Path csv = folder.resolve(CSV_FILE);
        if (!Files.exists(csv)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        checkArgument(
                !lines.isEmpty() && lines.get(0).equals(CSV_HEADER),
                "%s does not start with %s",
                csv,
                CSV_HEADER);
        List<CellResult> cells = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            cells.add(
                    new CellResult(
                            Float.parseFloat(fields[0]),
                            Float.parseFloat(fields[1]),
                            Double.parseDouble(fields[2]),
                            Long.parseLong(fields[3])));
        }
        return cells;
    }

    /** The results of a sweep, by temperature (rows) and alpha (columns). */
    public static final class Table {
        private final List<Float> temperatures;
        private final List<Float> alphas;
        private final TrainerResult[][] results;

        Table(List<Float> temperatures, List<Float> alphas, TrainerResult[][] results) {
            this.temperatures = temperatures;
            this.alphas = alphas;
            this.results = results;
        }

        /** The result of the cell {@code (temperatures[t], alphas[a])}. */
        public TrainerResult result(int t, int a) {
            return results[t][a];
        }

        /** A Markdown table of best dev accuracy; the best cell in bold. */
        public String toMarkdown() {
            double best = Double.NEGATIVE_INFINITY;
            for (TrainerResult[] row : results) {
                for (TrainerResult cell : row) {
                    best = Math.max(best, cell.bestDevAccuracy());
                }
            }
            StringBuilder md = new StringBuilder("| T \\ α |");
            alphas.forEach(a -> md.append(' ').append(number(a)).append(" |"));
            md.append("\n|---|").append("---:|".repeat(alphas.size())).append('\n');
            for (int t = 0; t < temperatures.size(); t++) {
                md.append("| ").append(number(temperatures.get(t))).append(" |");
                for (int a = 0; a < alphas.size(); a++) {
                    double accuracy = results[t][a].bestDevAccuracy();
                    String shown = String.format(Locale.ROOT, "%.4f", accuracy);
                    md.append(' ')
                            .append(accuracy == best ? "**" + shown + "**" : shown)
                            .append(" |");
                }
                md.append('\n');
            }
            return md.toString();
        }

        /** One line per cell: {@code temperature,alpha,dev_accuracy,best_step}. */
        public String toCsv() {
            StringBuilder csv = new StringBuilder(CSV_HEADER + "\n");
            for (int t = 0; t < temperatures.size(); t++) {
                for (int a = 0; a < alphas.size(); a++) {
                    TrainerResult result = results[t][a];
                    csv.append(
                            String.format(
                                    Locale.ROOT,
                                    "%s,%s,%.6f,%d\n",
                                    number(temperatures.get(t)),
                                    number(alphas.get(a)),
                                    result.bestDevAccuracy(),
                                    result.bestStep()));
                }
            }
            return csv.toString();
        }

        private static String number(float value) {
            return value == Math.rint(value)
                    ? Long.toString((long) value)
                    : String.format(Locale.ROOT, "%s", value);
        }
    }
}

package io.github.bertdistill.core.data.io;

import com.google.common.io.Files;
import io.github.bertdistill.core.data.LabelSet;
import io.github.bertdistill.core.data.TextDataset;
import io.github.bertdistill.core.data.TextExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the parsed rows of one file into examples: the checks every format shares (charset, blank
 * text, label set, id uniqueness), ids for rows without one, and the {@link ErrorPolicy}.
 *
 * <p>A label is stripped of white space around it, in every format: {@code "pos "} in a CSV column
 * is the label {@code pos}, not a label of its own.
 */
final class RowCollector {
    private static final Logger LOG = LoggerFactory.getLogger(RowCollector.class);

    /** The names a format gives its fields, for error messages; label and id may be null. */
    record Fields(String text, String label, String id) {}

    /** One row's values, before the shared checks; label and id may be null (absent). */
    record Row(String text, String label, String id) {}

    /** Parses one row, or says why it is bad. */
    @FunctionalInterface
    interface RowParser {
        Row parse() throws BadRowException;
    }

    private final Path file;
    private final DecodedText text;
    private final ReadOptions options;
    private final Fields fields;
    private final List<TextExample> examples = new ArrayList<>();
    private final Map<String, Integer> idLines = new HashMap<>();
    private final List<String> firstErrors = new ArrayList<>();
    private int skipped;

    RowCollector(Path file, DecodedText text, ReadOptions options, Fields fields) {
        this.file = file;
        this.text = text;
        this.options = options;
        this.fields = fields;
    }

    /**
     * Adds the record on lines {@code firstLine} to {@code lastLine}, or handles it as a bad row.
     *
     * @throws DatasetFormatException if the row is bad and the policy is {@link
     *     ErrorPolicy#FAIL_FAST}
     */
    void add(int firstLine, int lastLine, RowParser parser) throws DatasetFormatException {
        try {
            examples.add(toExample(firstLine, lastLine, parser));
        } catch (BadRowException e) {
            DatasetFormatException error =
                    new DatasetFormatException(file, firstLine, e.field(), e.getMessage());
            if (options.errorPolicy() == ErrorPolicy.FAIL_FAST) {
                throw error;
            }
            skipped++;
            if (firstErrors.size() < options.maxReportedErrors()) {
                firstErrors.add(error.getMessage());
            }
        }
    }

    private TextExample toExample(int firstLine, int lastLine, RowParser parser)
            throws BadRowException {
        Optional<String> malformed = text.malformedInput(firstLine, lastLine);
        if (malformed.isPresent()) {
            throw new BadRowException(null, malformed.get());
        }
        Row row = parser.parse();
        if (row.text().isBlank()) {
            throw new BadRowException(fields.text(), "the text is empty or blank");
        }
        String label = row.label() == null ? null : row.label().strip();
        if (label != null) {
            checkLabel(label);
        }
        String id = row.id() == null ? file.getFileName() + ":" + firstLine : row.id();
        if (id.isBlank()) {
            throw new BadRowException(fields.id(), "the id is empty");
        }
        Integer previous = idLines.putIfAbsent(id, firstLine);
        if (previous != null) {
            throw new BadRowException(
                    fields.id(), "id '" + id + "' is already used on line " + previous);
        }
        return label == null
                ? TextExample.unlabelled(id, row.text())
                : TextExample.labelled(id, row.text(), label);
    }

    private void checkLabel(String label) throws BadRowException {
        if (label.isBlank()) {
            throw new BadRowException(fields.label(), "the label is empty");
        }
        Optional<LabelSet> allowed = options.labelSet();
        if (allowed.isPresent() && !allowed.get().contains(label)) {
            throw new BadRowException(
                    fields.label(),
                    "label '" + label + "' is not in the label set " + allowed.get().names());
        }
    }

    /**
     * The dataset of the rows added so far, and the report; logs a warning if rows were skipped.
     */
    ReadResult finish() {
        if (skipped > 0) {
            LOG.warn(
                    "{}: skipped {} bad row(s), read {}; first errors: {}",
                    file,
                    skipped,
                    examples.size(),
                    firstErrors);
        }
        String name =
                options.datasetName()
                        .orElseGet(
                                () -> Files.getNameWithoutExtension(file.getFileName().toString()));
        return new ReadResult(
                TextDataset.of(name, examples),
                new ReadReport(examples.size(), skipped, firstErrors));
    }
}

/**
 * Readers that turn a data file into a {@link io.github.bertdistill.core.data.TextDataset}.
 *
 * <p>Four formats are handled, each by one {@link
 * io.github.bertdistill.core.data.io.DatasetReader}:
 *
 * <ul>
 *   <li>{@link io.github.bertdistill.core.data.io.LabelledLinesReader}: {@code label text} lines
 *       (SST-2, SST-5, TREC-6);
 *   <li>{@link io.github.bertdistill.core.data.io.DelimitedReader}: CSV and TSV with a header row;
 *   <li>{@link io.github.bertdistill.core.data.io.JsonLinesReader}: one JSON object per line;
 *   <li>{@link io.github.bertdistill.core.data.io.TextLinesReader}: plain text, one unlabelled
 *       example per line.
 * </ul>
 *
 * <p>All of them share {@link io.github.bertdistill.core.data.io.ReadOptions} (charset, error
 * policy, label set) and the same rules: a UTF-8 byte-order mark is stripped, lines end with {@code
 * \n} or {@code \r\n}, blank lines at the end of a file are ignored, bytes that are invalid in the
 * charset make their row bad, and an example's id is {@code <file name>:<line>} (the line where its
 * record starts) unless the format names an id column. Every problem is reported as a {@link
 * io.github.bertdistill.core.data.io.DatasetFormatException} naming the file, line and field.
 *
 * <p>{@link io.github.bertdistill.core.data.io.TextLineStream} applies the same decoding and
 * plain-text rules to input answered line by line as it arrives, such as standard input.
 */
package io.github.bertdistill.core.data.io;

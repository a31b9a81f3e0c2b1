package io.github.bertdistill.spark;

import picocli.CommandLine.Option;

/** The options that say where a job's texts are and how to read them. */
final class CorpusOptions {
    @Option(
            names = "--input",
            paramLabel = "PATH",
            required = true,
            description =
                    "The corpus: a file, folder or glob on any Hadoop file system (a local path,"
                            + " hdfs://, s3a://, …).")
    String input;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            description =
                    "text, lines, tsv, csv, jsonl or parquet (default: label: the recipe's"
                            + " data.unlabelledFormat; score: text).")
    String format;

    @Option(
            names = "--text-column",
            paramLabel = "NAME",
            description =
                    "Text column (TSV, CSV, Parquet) or field (JSON lines) (default: label: the"
                            + " recipe's data.textColumn; score: text).")
    String textColumn;

    @Option(
            names = "--id-column",
            paramLabel = "NAME",
            description =
                    "Id column, for Parquet (other formats: the row's file name and line, as"
                            + " bert-distill reads them).")
    String idColumn;

    @Option(
            names = "--charset",
            paramLabel = "NAME",
            description = "File encoding, not for Parquet (default: UTF-8, or the recipe's).")
    String charset;

    @Option(
            names = "--id-prefix",
            paramLabel = "PREFIX",
            description = "Put before every id (default: label: unlabelled/; score: none).")
    String idPrefix;

    /** The corpus these options describe, each option left out taken from {@code defaults}. */
    Corpus corpus(Corpus defaults) {
        return new Corpus(
                input,
                format != null ? format : defaults.format(),
                textColumn != null ? textColumn : defaults.textColumn(),
                idColumn,
                charset != null ? charset : defaults.charset(),
                idPrefix != null ? idPrefix : defaults.idPrefix());
    }
}

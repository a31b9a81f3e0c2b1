package io.github.bertdistill.examples.recipe;

import com.google.gson.annotations.SerializedName;

/** How a data file is written: the {@code data.format} and {@code data.unlabelledFormat} values. */
public enum DataFormat {
    /** Header row, tab-separated; text and label columns by header name. */
    @SerializedName("tsv")
    TSV,
    /** Header row, RFC 4180 quoting; text and label columns by header name. */
    @SerializedName("csv")
    CSV,
    /** {@code label<space>text} per line (SST, TREC). */
    @SerializedName("lines")
    LINES,
    /** One JSON object per line; text and label are field names. */
    @SerializedName("jsonl")
    JSONL,
    /** One text per line, without labels: only for unlabelled text. */
    @SerializedName("text")
    TEXT
}
